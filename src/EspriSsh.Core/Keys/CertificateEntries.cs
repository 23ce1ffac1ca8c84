using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>Certificates in a key scan: each read as an entry, then listed beside the key it certifies.</summary>
    internal static class CertificateEntries
    {
        private const string CertificateFormat = "Certificate";

        /// <summary>
        /// Lists each certificate right after the key it certifies, and says so when that key is not
        /// here (ssh can only use a certificate together with its private key).
        /// </summary>
        public static void Place(List<KeyEntry> entries)
        {
            List<KeyEntry> certificates = entries.Where(e => e.Kind == KeyEntryKind.Certificate).ToList();
            foreach (KeyEntry certificate in certificates)
            {
                entries.Remove(certificate);
                int key = entries.FindIndex(e => e.Kind == KeyEntryKind.Private && e.Fingerprint != null && e.Fingerprint == certificate.Fingerprint);
                if (key < 0 && certificate.Fingerprint != null)
                {
                    string expected = CertifiedKeyPath(certificate.Path);
                    certificate.Problems = certificate.Problems.Concat(new[]
                    {
                        $"The private key it certifies ({certificate.Fingerprint}) is not next to it (ssh looks for '{expected}'): " +
                        "ssh can only log in with a certificate together with that key.",
                    }).ToArray();
                }

                int at = key < 0 ? entries.Count : key + 1;
                while (at < entries.Count && entries[at].Kind == KeyEntryKind.Certificate)
                {
                    at++;
                }

                entries.Insert(at, certificate);
            }
        }

        public static KeyEntry Scan(string path, SiteProfile site)
        {
            var entry = new KeyEntry { Path = path, Kind = KeyEntryKind.Certificate, Format = CertificateFormat };
            var problems = new List<string>();
            SshCertificate? certificate = PublicKeyFile.TryReadCertificate(path, out string? problem);
            if (certificate == null)
            {
                entry.Format = null;
                problems.Add(problem!);
            }
            else
            {
                entry.Certificate = certificate;
                KeyInventory.Describe(entry, certificate.CertifiedKey.Blob, certificate.CertifiedKey.Comment, problems);
                entry.Type = certificate.CertificateType;
                DateTimeOffset now = DateTimeOffset.UtcNow;
                if (certificate.Kind != SshCertificateKind.User)
                {
                    problems.Add("It is a host certificate (it vouches for a server), not a user certificate: ssh does not log in with it.");
                }
                else if (certificate.ValidBefore != null && now >= certificate.ValidBefore)
                {
                    problems.Add($"It expired on {certificate.ValidBefore:yyyy-MM-dd HH:mm} UTC: servers refuse it. Ask whoever issued it (certificate authority {certificate.CaFingerprint}) for a new one.");
                }
                else if (!certificate.IsValidAt(now))
                {
                    problems.Add($"It is not valid before {certificate.ValidAfter:yyyy-MM-dd HH:mm} UTC (check this computer's clock).");
                }

                KeyInventory.AddPolicy(entry, site, problems, new[] { SshCertificate.BaseType(certificate.CertificateType) });
            }

            entry.Problems = problems.ToArray();
            return entry;
        }

        // id_ed25519-cert.pub certifies id_ed25519: the name ssh itself pairs them by.
        private static string CertifiedKeyPath(string certificatePath) =>
            certificatePath.EndsWith(PublicKeyFile.CertificateSuffix, StringComparison.Ordinal)
                ? certificatePath.Substring(0, certificatePath.Length - PublicKeyFile.CertificateSuffix.Length)
                : certificatePath;
    }
}
