using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Keys.Corpus;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// Issue 16 item 2: no advice destroys data. Every fix command EspriSsh can print is walked: those
    /// KeyAdvice builds, every problem Get-EspriKey finds in a folder holding every kind of damage, every
    /// error the readers raise on the whole corpus, every verdict of Test-EspriPublicKey. None may
    /// redirect output (">"); an output file of a tool that is not ours (openssl -out, Copy-Item) must
    /// not exist yet; ssh-keygen -p (which rewrites in place, without a backup) only runs on such a copy.
    /// </summary>
    public sealed class KeyAdviceTests
    {
        // A command's output sent somewhere by the shell: "ssh-keygen ... > 'x'", "... | Set-Content x". A
        // menu path ("Settings > SSH > 'Use external Pageant'") names no command before its '>'.
        private static readonly Regex Redirection = new Regex(@"\b(ssh-keygen|ssh-add|openssl|puttygen|cat|echo|type|Get-Content)\b[^;]*?(\s\d?>>?\s*['""/~{$]|\|\s*(Set-Content|Out-File|Add-Content|tee)\b)");
        private static readonly Regex NewFileTarget = new Regex(@"(?:-out\s+|Copy-Item\s+'(?:[^']|'')*'\s+)'((?:[^']|'')*)'");
        private static readonly Regex InPlaceRewrite = new Regex(@"ssh-keygen -p [^;]*-f '((?:[^']|'')*)'");

        [Fact]
        public void EveryKeyAdviceCommandIsSafeOnExistingFiles()
        {
            using var dir = new TempDirectory();
            string key = dir.File("id_ed25519 o'brien");
            File.WriteAllText(key, "key");
            File.WriteAllText(key + ".pub", "pub");
            File.WriteAllText(key + "-new", "an earlier copy");
            var texts = typeof(KeyAdvice).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(string) && m.Name != nameof(KeyAdvice.Quote) && m.Name != nameof(KeyAdvice.FreeName))
                .Select(m => (string)m.Invoke(null, m.GetParameters().Select(p => p.Name == "options" ? (object)"-a 100" : key).ToArray())!)
                .ToList();

            Assert.True(texts.Count >= 6, "every KeyAdvice command is walked");
            AssertSafe(texts);
            Assert.Contains(texts, t => t.Contains("'" + key.Replace("'", "''") + "-new.1'"));
        }

        [HostFact("ssh-keygen", UnixOnly = true)]
        public void EveryProblemGetEspriKeyFindsHasASafeFix()
        {
            using var dir = new TempDirectory();
            string Corpus(string name, string target = null)
            {
                string path = dir.File(target ?? name);
                File.Copy(CorpusEntry.Named(name).Path, path);
                UnixModes.MakePrivate(path);
                return path;
            }

            Corpus("ed25519_1", "id_nopub");
            Corpus("ed25519_2", "id_mismatch");
            File.Copy(CorpusEntry.Named("ed25519_1.pub").Path, dir.File("id_mismatch.pub"));
            Corpus("ed25519_1_pw", "id_damagedpub");
            File.WriteAllText(dir.File("id_damagedpub.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI-damaged me");
            Corpus("go_ed25519-crlf", "id_crlf");
            string loose = Corpus("ed25519_1_pw", "id_loose");
            UnixModes.Set(loose, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Corpus("putty_v3_clear.ppk");
            Corpus("rsa_1-cert.pub");
            Corpus("mldsa44_ed25519_1.pub");
            Corpus("openssh_old_ecdsa_enc", "id_ec_pem");
            Corpus("bcrypt_501_rounds", "id_rounds");
            Corpus("pk8_rsa-pbewithmd5anddescbc.pem", "id_pbes1");

            var texts = KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default)).SelectMany(e => e.Problems).ToList();

            Assert.Contains(texts, t => t.Contains("Install-EspriKey", StringComparison.Ordinal));
            AssertSafe(texts);
        }

        [Fact]
        public void EveryErrorAndVerdictOnTheCorpusHasASafeFix()
        {
            var texts = new List<string>();
            foreach (CorpusEntry entry in CorpusEntry.All)
            {
                byte[] passphrase = entry.Passphrase.Length == 0 ? null : Encoding.UTF8.GetBytes(entry.Passphrase);
                // The right passphrase only where it leads to an error; a wrong one and none everywhere.
                foreach (byte[] tried in new[] { null, Encoding.UTF8.GetBytes("wrong"), entry.Expect == "ok" ? null : passphrase }.Distinct())
                {
                    try
                    {
                        PrivateKeyFileReader.ReadFile(entry.Path, tried);
                    }
                    catch (EspriException ex)
                    {
                        texts.Add(ex.Message);
                    }
                }

                texts.AddRange(PublicKeyPasteChecker.Check(File.ReadAllText(entry.Path), entry.Path, SiteProfileLoader.Default).Problems.Select(p => p.Message));
            }

            Assert.Contains(texts, t => t.Contains("openssl pkcs8", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("ssh-keygen -p", StringComparison.Ordinal));
            AssertSafe(texts);
        }

        [Fact]
        public void NoSourceStringRedirectsOutput()
        {
            // The test binaries sit below the repository (tests/.../bin, or out/test-net472): walk up to it.
            string root = Path.GetDirectoryName(typeof(KeyAdviceTests).Assembly.Location);
            while (root != null && !File.Exists(Path.Combine(root, "EspriSsh.slnx")))
            {
                root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar));
            }

            Assert.True(root != null, "the repository holding " + typeof(KeyAdviceTests).Assembly.Location);
            string src = Path.Combine(root, "src");
            var offenders = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
                .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .SelectMany(l => Regex.Matches(l.Text, "\"(?:[^\"\\\\]|\\\\.)*\"").Cast<Match>().Select(m => (l.File, l.Line, Literal: m.Value)))
                .Where(l => Redirection.IsMatch(l.Literal) || l.Literal.Contains("ssh-keygen -p -f", StringComparison.Ordinal))
                .Select(l => $"{Path.GetFileName(l.File)}:{l.Line}: {l.Literal}")
                .ToList();
            Assert.True(Directory.Exists(src), src);
            Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        }

        private static void AssertSafe(IEnumerable<string> texts)
        {
            foreach (string text in texts)
            {
                Assert.False(Redirection.IsMatch(text), "shell redirection or pipe in: " + text);
                foreach (Match target in NewFileTarget.Matches(text))
                {
                    string path = target.Groups[1].Value.Replace("''", "'");
                    Assert.False(File.Exists(path), $"'{path}' exists, and this command would overwrite it: {text}");
                }

                foreach (Match rewrite in InPlaceRewrite.Matches(text))
                {
                    string path = rewrite.Groups[1].Value.Replace("''", "'");
                    Assert.False(File.Exists(path), $"ssh-keygen -p would rewrite '{path}' in place: {text}");
                    Assert.Contains("Copy-Item ", text.Substring(0, rewrite.Index));
                }
            }
        }
    }
}
