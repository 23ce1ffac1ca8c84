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
        public static SshPublicKey? TryRead(string path, SiteProfile site, out string? problem) => TryRead(path, site, out problem, out _);

        /// <summary>As TryRead; <paramref name="unknownType"/> names the type of an intact key of a type we do not know.</summary>
        public static SshPublicKey? TryRead(string path, SiteProfile site, out string? problem, out string? unknownType)
        {
            problem = null;
            unknownType = null;
            string? text = ReadText(path);
            PublicKeyCheck? check = text == null ? null : PublicKeyPasteChecker.Check(text, path, site);
            if (check?.Normalized == null)
            {
                unknownType = check?.Problems.Any(p => p.Code == "KeyTypeUnsupported") == true ? check.Type : null;
                string why = check?.Problems.FirstOrDefault()?.Message ?? "it is far too large for a public key.";
                string privatePath = path.EndsWith(".pub", StringComparison.Ordinal) ? path.Substring(0, path.Length - 4) : "";
                string fix = unknownType != null ? ""
                    : File.Exists(privatePath) ? " Write it again from its private key (the old file is kept as .bak): " + KeyAdvice.WritePublicKey(privatePath)
                    : " Copy it again from where it came from.";
                problem = $"'{path}' is not a valid public key: {why}{fix}";
                return null;
            }

            string[] parts = check.Normalized.Split(new[] { ' ' }, 3);
            return new SshPublicKey(Convert.FromBase64String(parts[1]), parts.Length > 2 ? parts[2] : "");
        }

        /// <summary>True when the file's first word is a certificate type (ssh-ed25519-cert-v01@openssh.com...).</summary>
        public static bool HoldsCertificate(string path)
        {
            string? text = ReadText(path);
            return text != null && SshCertificate.IsCertificateType(FirstWord(text));
        }

        /// <summary>The certificate in an id_*-cert.pub; null with the reason when it is damaged.</summary>
        public static SshCertificate? TryReadCertificate(string path, out string? problem)
        {
            string[] fields = (ReadText(path) ?? "").Trim().Split(new[] { ' ', '\t' }, 3, StringSplitOptions.RemoveEmptyEntries);
            byte[]? blob = null;
            try
            {
                blob = fields.Length >= 2 ? Convert.FromBase64String(fields[1]) : null;
            }
            catch (FormatException)
            {
            }

            SshCertificate? certificate = blob == null ? null : SshCertificate.TryParse(blob, fields.Length > 2 ? fields[2].Trim() : "", out problem);
            if (certificate == null || certificate.CertificateType != fields[0])
            {
                problem = $"'{path}' is a damaged certificate ({(blob == null ? "its base64 text does not decode" : certificate == null ? "it does not parse" : "its type and content differ")}). " +
                    "Ask whoever issued it for a new copy.";
                return null;
            }

            problem = null;
            return certificate;
        }

        private static string FirstWord(string text)
        {
            string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            int end = trimmed.IndexOfAny(new[] { ' ', '\t', '\r', '\n' });
            return end < 0 ? trimmed : trimmed.Substring(0, end);
        }

        private static string? ReadText(string path)
        {
            var file = new FileInfo(path);
            return file.Length > MaxBytes ? null : new UTF8Encoding(false).GetString(File.ReadAllBytes(path));
        }
    }
}
