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

        public override string ToString() => PublicKey;
    }
}
