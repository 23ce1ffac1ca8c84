using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The last check before the report is written: no line of any private key file of the ssh
    /// directory may appear in the text. A line that would is replaced, and the caller adds a finding.
    /// </summary>
    internal sealed class SecretGuard
    {
        internal const string Redacted = "[REDACTED: this line held private key material]";

        private readonly List<string> secrets;

        private SecretGuard(List<string> secrets) => this.secrets = secrets;

        /// <summary>Reads the secret lines of every private key file in the directory (not recursive: ssh keys live at its top).</summary>
        public static SecretGuard ForDirectory(string sshDirectory, IEnumerable<string> extraFiles)
        {
            var files = Directory.Exists(sshDirectory) ? Directory.GetFiles(sshDirectory).ToList() : new List<string>();
            files.AddRange(extraFiles.Where(File.Exists));
            var secrets = files
                .Select(PrivateKeyText.SecretLines)
                .Where(lines => lines != null)
                .SelectMany(lines => lines!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new SecretGuard(secrets);
        }

        public int SecretCount => secrets.Count;

        /// <summary>The text with every line that contains a secret replaced; counts how many.</summary>
        public string Scrub(string text, out int redactedLines)
        {
            redactedLines = 0;
            if (secrets.Count == 0)
            {
                return text;
            }

            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (secrets.Any(s => line.IndexOf(s, StringComparison.Ordinal) >= 0))
                {
                    lines[i] = Redacted;
                    redactedLines++;
                }
            }

            return string.Join("\n", lines);
        }
    }
}
