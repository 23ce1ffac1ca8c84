using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows
{
    /// <summary>What Install-EspriKey was asked for, paths resolved; the secrets stay owned by the caller.</summary>
    public sealed class InstallKeyRequest
    {
        public string Source { get; set; } = "";

        /// <summary>Null: id_ed25519, id_rsa... (by key type) in SshDirectory.</summary>
        public string? Destination { get; set; }

        public string SshDirectory { get; set; } = "";

        public bool Force { get; set; }

        /// <summary>The source's passphrase; null: asked when the key turns out to be encrypted.</summary>
        public Secret? Passphrase { get; set; }

        /// <summary>Re-encrypts the installed key with this passphrase; null keeps the source's.</summary>
        public Secret? NewPassphrase { get; set; }

        public bool AddToAgent { get; set; }
    }
}
