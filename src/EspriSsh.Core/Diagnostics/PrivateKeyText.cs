using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Recognises a private key file by its armour (OpenSSH, PEM, PuTTY .ppk) and lists the lines
    /// that must never leave the machine. Not a key reader nor a key scanner (KeyInventory is): the
    /// report's guard only needs "which text is secret", and looks at every file to be sure.
    /// </summary>
    internal static class PrivateKeyText
    {
        // Shorter lines (the tail of a base64 block, "AAAA==") could match ordinary text by chance.
        internal const int MinimumSecretLineLength = 16;

        /// <summary>The body lines of a private key file (and their concatenation), or null when it is not one.</summary>
        public static IReadOnlyList<string>? SecretLines(string path)
        {
            string? text = KeyFile.TryLoadText(path);
            if (text == null)
            {
                return null;
            }

            string[] lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).ToArray();
            List<string>? body = lines.Any(l => l.StartsWith("-----BEGIN", StringComparison.Ordinal) && l.Contains("PRIVATE KEY"))
                ? ArmouredBody(lines)
                : lines.FirstOrDefault()?.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal) == true ? PpkPrivateBody(lines) : null;
            if (body == null)
            {
                return null;
            }

            var secrets = body.Where(l => l.Length >= MinimumSecretLineLength).ToList();
            string joined = string.Concat(body);
            if (joined.Length >= MinimumSecretLineLength && body.Count > 1)
            {
                secrets.Add(joined);
            }

            return secrets;
        }

        private static List<string> ArmouredBody(string[] lines)
        {
            var body = new List<string>();
            bool inside = false;
            foreach (string line in lines)
            {
                if (line.StartsWith("-----BEGIN", StringComparison.Ordinal))
                {
                    inside = true;
                }
                else if (line.StartsWith("-----END", StringComparison.Ordinal))
                {
                    inside = false;
                }
                else if (inside && line.Length > 0 && line.IndexOf(':') < 0)
                {
                    // Skips PEM headers (Proc-Type:, DEK-Info:).
                    body.Add(line);
                }
            }

            return body;
        }

        private static List<string> PpkPrivateBody(string[] lines)
        {
            var body = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("Private-Lines:", StringComparison.Ordinal)
                    && int.TryParse(lines[i].Substring("Private-Lines:".Length).Trim(), out int count))
                {
                    body.AddRange(lines.Skip(i + 1).Take(count));
                }
            }

            return body;
        }
    }
}
