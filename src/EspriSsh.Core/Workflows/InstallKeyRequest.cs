using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Workflows
{
    /// <summary>What Install-EspriKey was asked for, paths resolved; the secrets stay owned by the caller.</summary>
    public sealed class InstallKeyRequest : KeyInstallRequest
    {
        /// <summary>The source's passphrase; null: asked when the key turns out to be encrypted. Always checked when given.</summary>
        public Secret? Passphrase { get; set; }

        /// <summary>Re-encrypts the installed key with this passphrase; null keeps the source's.</summary>
        public Secret? NewPassphrase { get; set; }

        public bool AddToAgent { get; set; }

        public override bool ChangesPassphrase => NewPassphrase != null;
    }
}
