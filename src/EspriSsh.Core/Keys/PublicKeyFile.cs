using System;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>Reads a .pub file with Test-EspriPublicKey's parser (so the usual damage is repaired, not fatal).</summary>
    internal static class PublicKeyFile
    {
        // A .pub is one line; anything this big is not one.
        private const long MaxBytes = 64 * 1024;

        /// <summary>The key in the file; null with the reason (and the fix) when it holds no valid public key.</summary>
        public static SshPublicKey? TryRead(string path, SiteProfile site, out string? problem)
        {
            problem = null;
            var file = new FileInfo(path);
            PublicKeyCheck? check = file.Length > MaxBytes ? null
                : PublicKeyPasteChecker.Check(new UTF8Encoding(false).GetString(File.ReadAllBytes(path)), path, site);
            if (check?.Normalized == null)
            {
                string why = check?.Problems.FirstOrDefault()?.Message ?? "it is far too large for a public key.";
                string privatePath = path.EndsWith(".pub", StringComparison.Ordinal) ? path.Substring(0, path.Length - 4) : "<private key>";
                problem = $"'{path}' is not a valid public key: {why} Recreate it from the private key: ssh-keygen -y -f '{privatePath}' > '{path}'";
                return null;
            }

            string[] parts = check.Normalized.Split(new[] { ' ' }, 3);
            return new SshPublicKey(Convert.FromBase64String(parts[1]), parts.Length > 2 ? parts[2] : "");
        }
    }
}
