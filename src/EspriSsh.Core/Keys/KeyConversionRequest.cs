namespace EspriSsh.Core.Keys
{
    /// <summary>What Convert-PpkKey was asked to do, paths already resolved.</summary>
    public sealed class KeyConversionRequest
    {
        public string SourcePath { get; set; } = "";

        /// <summary>Null: id_ed25519/id_rsa/id_ecdsa in SshDirectory (OpenSSH output), or the source name with .ppk (PPK output).</summary>
        public string? Destination { get; set; }

        public string SshDirectory { get; set; } = "";

        /// <summary>Null: OpenSSH for a .ppk source, PPK for any other.</summary>
        public KeyOutputFormat? OutputFormat { get; set; }

        public bool Force { get; set; }
    }
}
