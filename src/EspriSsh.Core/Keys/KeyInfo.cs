using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// What a user needs to know about a key pair just written (New-EspriKey, Convert-PpkKey,
    /// Install-EspriKey): where it is, what it is, and the exact public line for the account form.
    /// </summary>
    public sealed class KeyInfo
    {
        public string Path { get; set; } = "";

        public string PublicKeyPath { get; set; } = "";

        public string Type { get; set; } = "";

        public int Bits { get; set; }

        public string Fingerprint { get; set; } = "";

        public string Comment { get; set; } = "";

        /// <summary>The one line to paste in the account form ("ssh-ed25519 AAAA... comment").</summary>
        public string PublicKey { get; set; } = "";

        /// <summary>The picture ssh-keygen -lv draws, to compare keys by eye.</summary>
        public string RandomArt { get; set; } = "";

        public bool Encrypted { get; set; }

        /// <summary>Copies of files replaced under -Force (.bak), empty when nothing was replaced.</summary>
        public string[] BackupPaths { get; set; } = new string[0];

        /// <summary>What to do before ssh uses the key, when it is not where ssh looks (KeyLocationAdvice); null otherwise.</summary>
        public string? Next { get; set; }

        /// <summary>
        /// Why the site refuses this key (its key policy); null when it accepts or tolerates it. A
        /// refused key gets no line to paste: the view says so and what to do instead.
        /// </summary>
        public string? SiteRefusal { get; set; }

        /// <summary>Records the site's refusal of the key, if it refuses it; returns this key.</summary>
        public KeyInfo JudgedBy(Site.SiteProfile site)
        {
            Site.KeyPolicyResult verdict = site.Evaluate(Type, Bits);
            SiteRefusal = verdict.Verdict == Site.KeyPolicyVerdict.Refused ? verdict.Reason : null;
            return this;
        }

        /// <summary>The description of a key pair written at <paramref name="privatePath"/> (public key at privatePath.pub).</summary>
        public static KeyInfo Describe(SshPrivateKey key, string privatePath, bool encrypted, string[] backupPaths) =>
            Describe(key.PublicKey, key.Bits, privatePath, encrypted, backupPaths);

        /// <summary>The same description from the public half alone (a key installed or copied without decrypting it).</summary>
        public static KeyInfo Describe(SshPublicKey publicKey, int bits, string privatePath, bool encrypted, string[] backupPaths) => new KeyInfo
        {
            Path = privatePath,
            PublicKeyPath = privatePath + ".pub",
            Type = publicKey.KeyType,
            Bits = bits,
            Fingerprint = KeyFingerprint.Sha256(publicKey.Blob),
            Comment = UntrustedText.Escape(publicKey.Comment),
            PublicKey = publicKey.ToLine(),
            RandomArt = Keys.RandomArt.Sha256(publicKey, bits),
            Encrypted = encrypted,
            BackupPaths = backupPaths,
        };

        public override string ToString() => PublicKey;
    }
}
