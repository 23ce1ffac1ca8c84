using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Decides whether a presented host key is the expected one, as ssh's check_host_key does: a
    /// @revoked line for the key first; then every plain known_hosts line for the host, user's and
    /// system's files together: one holding this key trusts it, and when lines exist but none holds
    /// it, the key has changed, whatever their key types ("REMOTE HOST IDENTIFICATION HAS CHANGED";
    /// a server that suddenly offers another type is not a "new" host). Only a host known nowhere
    /// falls back to the fingerprints the site profile publishes, under the same rule. With a
    /// HostKeyAlias, known_hosts is looked up under the alias (no port), as ssh does; on another port
    /// than 22 a key known under the bare host name is accepted too (ssh's "checking without port
    /// identifier").
    /// </summary>
    public sealed class HostKeyVerifier
    {
        private readonly KnownHosts knownHosts;
        private readonly SiteProfile site;
        private readonly string? alias;

        /// <param name="alias">HostKeyAlias: the name known_hosts is looked up under instead of the host's.</param>
        public HostKeyVerifier(KnownHosts knownHosts, SiteProfile site, string? alias = null)
        {
            this.knownHosts = knownHosts;
            this.site = site;
            this.alias = alias?.ToLowerInvariant();
        }

        /// <summary>The key types known_hosts or the site vouch for: the host-key algorithms to prefer.</summary>
        public IReadOnlyCollection<string> KnownKeyTypes(string host, int port) =>
            knownHosts.KeyTypesFor(alias ?? host, alias != null ? 22 : port).Concat(Published(host).Select(p => p.KeyType)).Distinct(StringComparer.Ordinal).ToList();

        public HostKeyVerdict Verify(string host, int port, string keyType, byte[] keyBlob)
        {
            string fingerprint = KeyFingerprint.Sha256(keyBlob);
            IReadOnlyList<KnownHostEntry> matches = knownHosts.Find(alias ?? host, alias != null ? 22 : port);
            var notes = new List<string>();
            foreach (KnownHostEntry ca in matches.Where(e => e.Marker == KnownHostMarker.CertAuthority))
            {
                notes.Add($"{ca.Location} is a @cert-authority for this host; host certificates are not checked by this test, only plain keys.");
            }

            KnownHostEntry? revoked = matches.FirstOrDefault(e => e.Marker == KnownHostMarker.Revoked && e.HasKey(keyBlob));
            if (revoked != null)
            {
                return new HostKeyVerdict(HostKeyTrust.Revoked, keyType, fingerprint, revoked.Location, Array.Empty<string>(), notes);
            }

            List<KnownHostEntry> plain = matches.Where(e => e.Marker == KnownHostMarker.None).ToList();
            List<HostKeyFingerprint> sitePrints = Published(host).ToList();
            bool siteMatches = sitePrints.Any(p => p.KeyType == keyType && Normalize(p.Fingerprint) == fingerprint);

            KnownHostEntry? known = plain.FirstOrDefault(e => e.HasKey(keyBlob));
            if (known != null)
            {
                return new HostKeyVerdict(HostKeyTrust.Trusted, keyType, fingerprint, known.Location, Array.Empty<string>(), notes)
                {
                    InKnownHosts = true,
                    MatchesPublishedFingerprint = siteMatches,
                };
            }

            if (plain.Count > 0)
            {
                AddOtherTypeNote(notes, keyType, plain.Select(e => e.KeyType), "known_hosts holds");
                return new HostKeyVerdict(HostKeyTrust.Mismatch, keyType, fingerprint,
                    string.Join(", ", plain.Select(e => e.Location)),
                    plain.Select(e => e.KeyType + " " + e.Fingerprint).Distinct().ToList(), notes)
                {
                    RecordedIn = plain.Select(e => e.FilePath).Distinct().ToList(),
                };
            }

            // ssh's "checking without port identifier": a new [host]:port whose key is known as plain host.
            KnownHostEntry? withoutPort = alias == null && port != 22
                ? knownHosts.Find(host, 22).FirstOrDefault(e => e.Marker == KnownHostMarker.None && e.HasKey(keyBlob)) : null;
            if (withoutPort != null)
            {
                return new HostKeyVerdict(HostKeyTrust.Trusted, keyType, fingerprint, withoutPort.Location + " (under the host name without its port)", Array.Empty<string>(), notes)
                {
                    InKnownHosts = true,
                    MatchesPublishedFingerprint = siteMatches,
                };
            }

            if (sitePrints.Count == 0)
            {
                return new HostKeyVerdict(HostKeyTrust.Unknown, keyType, fingerprint, "", Array.Empty<string>(), notes);
            }

            string? profileFile = site.IsBuiltIn ? null : site.Source;
            string source = profileFile == null ? "the fingerprint the built-in site profile publishes" : $"the fingerprint published by the site profile file {profileFile}";
            if (siteMatches)
            {
                return new HostKeyVerdict(HostKeyTrust.Trusted, keyType, fingerprint, source, Array.Empty<string>(), notes)
                {
                    MatchesPublishedFingerprint = true,
                    VouchingProfileFile = profileFile,
                };
            }

            AddOtherTypeNote(notes, keyType, sitePrints.Select(p => p.KeyType), "the site profile publishes");
            return new HostKeyVerdict(HostKeyTrust.Mismatch, keyType, fingerprint, source,
                sitePrints.Select(p => p.KeyType + " " + Normalize(p.Fingerprint)).Distinct().ToList(), notes);
        }

        private IEnumerable<HostKeyFingerprint> Published(string host) =>
            site.HostKeyFingerprints.Where(p => string.Equals(p.HostName, host, StringComparison.OrdinalIgnoreCase));

        private static void AddOtherTypeNote(List<string> notes, string presented, IEnumerable<string> knownTypes, string holder)
        {
            List<string> types = knownTypes.Distinct(StringComparer.Ordinal).ToList();
            if (!types.Contains(presented))
            {
                notes.Add($"{holder} only {string.Join(" and ", types)} keys for this host, and the server presented {presented}: ssh too calls this a changed host key, not a new one.");
            }
        }

        private static string Normalize(string fingerprint)
        {
            string trimmed = fingerprint.Trim().TrimEnd('=');
            return trimmed.StartsWith("SHA256:", StringComparison.Ordinal) ? trimmed : "SHA256:" + trimmed;
        }
    }
}
