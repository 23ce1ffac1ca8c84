using System.Collections.Generic;

namespace EspriSsh.Core.Connection
{
    /// <summary>What known_hosts and the site profile say of the key a server presented.</summary>
    public sealed class HostKeyVerdict
    {
        public HostKeyVerdict(HostKeyTrust trust, string keyType, string fingerprint, string source, IReadOnlyList<string> expectedFingerprints, IReadOnlyList<string> notes)
        {
            Trust = trust;
            KeyType = keyType;
            Fingerprint = fingerprint;
            Source = source;
            ExpectedFingerprints = expectedFingerprints;
            Notes = notes;
        }

        public HostKeyTrust Trust { get; }

        public string KeyType { get; }

        /// <summary>The presented key, SHA256:... as ssh-keygen -l prints it.</summary>
        public string Fingerprint { get; }

        /// <summary>What decided: "~/.ssh/known_hosts line 3", the site profile's fingerprint, or "" when unknown.</summary>
        public string Source { get; }

        /// <summary>For a mismatch: the fingerprints that were expected instead.</summary>
        public IReadOnlyList<string> ExpectedFingerprints { get; }

        /// <summary>For a mismatch found in known_hosts: the files whose lines expect another key.</summary>
        public IReadOnlyList<string> RecordedIn { get; internal set; } = new string[0];

        /// <summary>Facts worth showing (@cert-authority lines not checked, keys of other types known...).</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>True when a known_hosts line holds this very key.</summary>
        public bool InKnownHosts { get; internal set; }

        /// <summary>True when the site publishes a fingerprint that this key matches (even if known_hosts lacks it).</summary>
        public bool MatchesPublishedFingerprint { get; internal set; }

        /// <summary>
        /// When only a site profile other than the built-in one vouches for the key: that file. It is
        /// named wherever the key is shown, and the key is recorded only on an explicit request.
        /// </summary>
        public string? VouchingProfileFile { get; internal set; }
    }
}
