namespace EspriSsh.Core.Keys
{
    /// <summary>What Install-EspriKey was asked to do with one source key, paths already resolved.</summary>
    public abstract class KeyInstallRequest
    {
        public string Source { get; set; } = "";

        /// <summary>Null: id_ed25519/id_rsa/id_ecdsa in SshDirectory. The source itself: repair it in place.</summary>
        public string? Destination { get; set; }

        public string SshDirectory { get; set; } = "";

        public bool Force { get; set; }

        /// <summary>A new passphrase will be given: the key is re-encrypted, never copied as is.</summary>
        public abstract bool ChangesPassphrase { get; }
    }
}
