using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// The one reader of .pub files, with Test-EspriPublicKey's parser: the usual damage (CR, quotes,
    /// a wrapped line, PuTTYgen's block) is repaired, not fatal; a file that holds no public key says
    /// why and how to write it again. Certificates (id_*-cert.pub) are read here too.
    /// </summary>
    internal static class PublicKeyFile
    {
        public const string Suffix = ".pub";

        /// <summary>The key in the file; null with the reason (and the fix) when it holds no valid public key.</summary>
        public static SshPublicKey? TryRead(string path, out string? problem) => TryRead(path, out problem, out _);

        /// <summary>As TryRead; <paramref name="unknownType"/> names the type of an intact key of a type we do not know.</summary>
        public static SshPublicKey? TryRead(string path, out string? problem, out string? unknownType)
        {
            problem = null;
            unknownType = null;
            string why;
            try
            {
                string? text = ReadText(path);
                PublicKeyCheck? check = text == null ? null : PublicKeyPasteChecker.Check(text, path, site: null);
                if (check?.Normalized != null)
                {
                    return new SshPublicKey(Convert.FromBase64String(check.Normalized.Split(' ')[1]), check.RawComment);
                }

                unknownType = check?.Problems.Any(p => p.Code == "KeyTypeUnsupported") == true ? check.Type : null;
                why = check?.Problems.FirstOrDefault()?.Message ?? "it does not exist.";
            }
            catch (EspriException ex)
            {
                why = ex.Message;
            }

            string privatePath = path.EndsWith(Suffix, StringComparison.Ordinal) ? path.Substring(0, path.Length - Suffix.Length) : "";
            string fix = unknownType != null ? ""
                : File.Exists(privatePath) ? " Write it again from its private key (the old file is kept as .bak): " + KeyAdvice.WritePublicKey(privatePath)
                : " Copy it again from where it came from.";
            problem = $"{UntrustedText.Quoted(path)} is not a valid public key: {why}{fix}";
            return null;
        }

        /// <summary>The key of the .pub next to a private key, or null when there is none or it is not valid.</summary>
        public static SshPublicKey? TryReadBeside(string privatePath) =>
            File.Exists(privatePath + Suffix) ? TryRead(privatePath + Suffix, out _) : null;

        /// <summary>Every valid .pub of a directory, by file name.</summary>
        public static IReadOnlyList<(string Path, SshPublicKey Key)> InDirectory(string directory)
        {
            if (!Directory.Exists(directory))
            {
                return Array.Empty<(string, SshPublicKey)>();
            }

            return Directory.GetFiles(directory, "*" + Suffix)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (Path: p, Key: TryRead(p, out _)))
                .Where(x => x.Key != null)
                .Select(x => (x.Path, x.Key!))
                .ToList();
        }

        /// <summary>ssh's name for the certificate of a key: id_ed25519-cert.pub beside id_ed25519.</summary>
        public const string CertificateSuffix = "-cert.pub";

        /// <summary>
        /// True when the file is named as a certificate (id_*-cert.pub) or its first word ends like a
        /// certificate type (ssh-ed25519-cert-v01@openssh.com...; an empty or unknown key type too: a
        /// damaged certificate is reported as a certificate, whatever it holds).
        /// </summary>
        public static bool HoldsCertificate(string path) =>
            path.EndsWith(CertificateSuffix, StringComparison.Ordinal)
            || FirstWord(KeyFile.TryLoadText(path) ?? "").EndsWith(SshCertificate.TypeSuffix, StringComparison.Ordinal);

        /// <summary>The certificate in an id_*-cert.pub; null with the reason when it is damaged or unreadable.</summary>
        public static SshCertificate? TryReadCertificate(string path, out string? problem) => TryReadCertificate(path, out problem, out _);

        /// <summary>As TryReadCertificate, with the certificate's wire bytes (what SSH.NET is handed).</summary>
        public static SshCertificate? TryReadCertificate(string path, out string? problem, out byte[] blob)
        {
            blob = new byte[0];
            string[] fields;
            try
            {
                fields = (ReadText(path) ?? "").Trim().Split(new[] { ' ', '\t' }, 3, StringSplitOptions.RemoveEmptyEntries);
            }
            catch (EspriException ex)
            {
                problem = ex.Message;
                return null;
            }

            string why;
            try
            {
                blob = fields.Length >= 2 ? Convert.FromBase64String(fields[1]) : new byte[0];
                SshCertificate? certificate = SshCertificate.TryParse(blob, fields.Length > 2 ? fields[2].Trim() : "", out string? parseProblem);
                if (certificate != null && certificate.CertificateType == fields[0])
                {
                    problem = null;
                    return certificate;
                }

                string? baseType = certificate == null && blob.Length > 0 && SshCertificate.IsCertificateType(fields[0]) ? SshCertificate.BaseType(fields[0]) : null;
                if (baseType != null && PublicKeyBlobInfo.FieldCount(baseType) == null && new SshWireReader(blob).ReadUtf8String() == fields[0])
                {
                    problem = $"{UntrustedText.Quoted(path)} is a certificate for {KeyTypeNames.Describe(baseType)}, a type EspriSsh cannot read (the file itself looks intact). {KeyTypeNames.WhyUnusable(baseType)}";
                    return null;
                }

                why = certificate == null ? parseProblem ?? "it is not a certificate" : "its type and content differ";
            }
            catch (FormatException)
            {
                why = "its base64 text does not decode";
            }

            problem = $"{UntrustedText.Quoted(path)} is a damaged certificate ({why}). Ask whoever issued it for a new copy.";
            return null;
        }

        private static string FirstWord(string text)
        {
            string trimmed = text.TrimStart(' ', '\t', '\r', '\n');
            int end = trimmed.IndexOfAny(new[] { ' ', '\t', '\r', '\n' });
            return end < 0 ? trimmed : trimmed.Substring(0, end);
        }

        /// <summary>The file's text; null when it does not exist. Throws FileTooLarge, NotARegularFile, FileUnreadable.</summary>
        private static string? ReadText(string path)
        {
            byte[]? content = Files.BoundedFileReader.ReadIfExists(path, KeyFile.MaxBytes, "public key file");
            return content == null ? null : KeyFile.Text(content);
        }
    }
}
