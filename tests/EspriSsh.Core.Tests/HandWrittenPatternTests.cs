using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// The checks the first command of a process runs (the site profile's names, a pasted key's
    /// whitespace and base64) are written character by character instead of as Regexes (issue 28):
    /// each must answer as the pattern it replaced does, .NET's Regex being the reference.
    /// </summary>
    public class HandWrittenPatternTests
    {
        public static TheoryData<string, string, RegexOptions> Patterns => new()
        {
            { "alias", @"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", RegexOptions.None },
            { "dns", @"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z", RegexOptions.None },
            { "keytype", @"^[a-z0-9][a-z0-9@.-]{0,63}\z", RegexOptions.None },
            { "sha256", @"^SHA256:[A-Za-z0-9+/]{43}\z", RegexOptions.None },
            { "base64", "^[A-Za-z0-9+/]+={0,2}$", RegexOptions.None },
            { "whitespace", "[ \t]{2,}|\t|^[ \t]|[ \t]$", RegexOptions.Multiline },
        };

        [Theory]
        [MemberData(nameof(Patterns))]
        public void EachCheckAnswersAsItsPattern(string check, string pattern, RegexOptions options)
        {
            Func<string, bool> handWritten = check switch
            {
                "alias" => SiteProfileValidator.IsAlias,
                "dns" => SiteProfileValidator.IsDnsLabel,
                "keytype" => SiteProfileValidator.IsKeyType,
                "sha256" => SiteProfileValidator.IsSha256Fingerprint,
                "base64" => PastedKeyData.IsBase64,
                _ => PublicKeyPasteChecker.HasStrayWhitespace,
            };
            var reference = new Regex(pattern, options);
            List<string> differing = Texts().Where(t => handWritten(t) != reference.IsMatch(t)).Take(5).ToList();
            Assert.True(differing.Count == 0, $"{check} differs from {pattern} on: {string.Join(" | ", differing.Select(Show))}");
        }

        /// <summary>Edge cases of every pattern, then random texts over the characters they treat apart.</summary>
        private static IEnumerable<string> Texts()
        {
            string Base64(int length, Random r) => new string(Enumerable.Range(0, length).Select(_ => "AZaz09+/"[r.Next(8)]).ToArray());
            var random = new Random(28);
            var fixedCases = new List<string>
            {
                "", " ", "\n", "\t", "a", "A", "-", ".", "a-", "-a", "a.", "spirit1", "jean-zay", "Spirit_1", "ssh-ed25519",
                "sk-ssh-ed25519@openssh.com", "Ssh-rsa", "a\n", "a\nb", "ab=", "ab==", "ab===", "==", "ab=c", "ab\n", "ab\n\n", "ab=\n",
                "a  b", "a b", " a", "a ", "a \nb", "a\n b", "a\r\n b", "a \r\nb", "a\tb", "SHA256:", "sha256:" + Base64(43, random),
                new string('a', 63), new string('a', 64), new string('a', 65), "a" + new string('-', 61) + "a", "a" + new string('-', 62) + "a",
                "é", "a\u00e9", "ａ",
            };
            foreach (int length in new[] { 42, 43, 44 })
            {
                fixedCases.Add("SHA256:" + Base64(length, random));
                fixedCases.Add("SHA256:" + Base64(length, random) + "\n");
            }

            foreach (string text in fixedCases)
            {
                yield return text;
            }

            const string alphabet = "aZ09._-@+/= \t\n\r:SHA256é*";
            for (int i = 0; i < 20000; i++)
            {
                var text = new StringBuilder();
                int length = random.Next(0, i % 10 == 0 ? 70 : 8);
                for (int j = 0; j < length; j++)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }

                yield return i % 7 == 0 ? "SHA256:" + text : text.ToString();
            }
        }

        private static string Show(string text) => "'" + text.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "'";
    }
}
