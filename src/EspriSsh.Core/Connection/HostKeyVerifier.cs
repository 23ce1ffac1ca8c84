using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Decides whether a presented host key is the expected one, as ssh would: @revoked first, then
    /// a known_hosts line with this key, then the fingerprints the site publishes; a recorded key of
    /// the same type that differs is a mismatch (ssh's "REMOTE HOST IDENTIFICATION HAS CHANGED").
    /// </summary>
    public sealed class HostKeyVerifier
    {
        private readonly KnownHostsFile knownHosts;
        private readonly IReadOnlyList<HostKeyFingerprint> published;

        public HostKeyVerifier(KnownHostsFile knownHosts, IEnumerable<HostKeyFingerprint> publishedFingerprints)
        {
            this.knownHosts = knownHosts;
            published = publishedFingerprints.ToList();
        }

        public HostKeyVerdict Verify(string host, int port, string keyType, byte[] keyBlob)
        {
            string fingerprint = KeyFingerprint.Sha256(keyBlob);
            IReadOnlyList<KnownHostEntry> matches = knownHosts.Find(host, port);
            var notes = new List<string>();
            foreach (KnownHostEntry ca in matches.Where(e => e.Marker == KnownHostMarker.CertAuthority))
            {
                notes.Add($"known_hosts line {ca.LineNumber} is a @cert-authority for this host; host certificates are not checked by this test, only plain keys.");
            }

            KnownHostEntry? revoked = matches.FirstOrDefault(e => e.Marker == KnownHostMarker.Revoked && e.HasKey(keyBlob));
            if (revoked != null)
            {
                return new HostKeyVerdict(HostKeyTrust.Revoked, keyType, fingerprint, $"{knownHosts.Path} line {revoked.LineNumber}", Array.Empty<string>(), notes);
            }

            List<KnownHostEntry> plain = matches.Where(e => e.Marker == KnownHostMarker.None).ToList();
            List<HostKeyFingerprint> sitePrints = published
                .Where(p => string.Equals(p.HostName, host, StringComparison.OrdinalIgnoreCase) && p.KeyType == keyType)
                .ToList();
            bool siteMatches = sitePrints.Any(p => Normalize(p.Fingerprint) == fingerprint);

            KnownHostEntry? known = plain.FirstOrDefault(e => e.HasKey(keyBlob));
            if (known != null)
            {
                return new HostKeyVerdict(HostKeyTrust.Trusted, keyType, fingerprint, $"{knownHosts.Path} line {known.LineNumber}", Array.Empty<string>(), notes)
                {
                    InKnownHosts = true,
                    MatchesPublishedFingerprint = siteMatches,
                };
            }

            List<KnownHostEntry> sameTypeDiffers = plain.Where(e => e.KeyType == keyType).ToList();
            if (sameTypeDiffers.Count > 0)
            {
                return new HostKeyVerdict(HostKeyTrust.Mismatch, keyType, fingerprint,
                    string.Join(", ", sameTypeDiffers.Select(e => $"{knownHosts.Path} line {e.LineNumber}")),
                    sameTypeDiffers.Select(e => e.Fingerprint).Distinct().ToList(), notes);
            }

            if (sitePrints.Count > 0)
            {
                return siteMatches
                    ? new HostKeyVerdict(HostKeyTrust.Trusted, keyType, fingerprint, "the site profile's published fingerprint", Array.Empty<string>(), notes) { MatchesPublishedFingerprint = true }
                    : new HostKeyVerdict(HostKeyTrust.Mismatch, keyType, fingerprint, "the site profile's published fingerprint",
                        sitePrints.Select(p => Normalize(p.Fingerprint)).ToList(), notes);
            }

            foreach (string otherType in plain.Select(e => e.KeyType).Distinct())
            {
                notes.Add($"known_hosts already holds a {otherType} key for this host; the server now presented {keyType}.");
            }

            return new HostKeyVerdict(HostKeyTrust.Unknown, keyType, fingerprint, "", Array.Empty<string>(), notes);
        }

        private static string Normalize(string fingerprint)
        {
            string trimmed = fingerprint.Trim().TrimEnd('=');
            return trimmed.StartsWith("SHA256:", StringComparison.Ordinal) ? trimmed : "SHA256:" + trimmed;
        }
    }
}
