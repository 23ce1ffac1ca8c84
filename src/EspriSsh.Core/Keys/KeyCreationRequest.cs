using EspriSsh.Core.Keys.Formats;
namespace EspriSsh.Core.Keys
{
    /// <summary>What New-EspriKey was asked for, with paths already resolved by the cmdlet.</summary>
    public sealed class KeyCreationRequest
    {
        public NewKeyType Type { get; set; } = NewKeyType.Ed25519;

        /// <summary>Null: the type's default (4096 for RSA).</summary>
        public int? Bits { get; set; }

        /// <summary>The private key file; null: &lt;SshDirectory&gt;/id_ed25519 (id_rsa for RSA).</summary>
        public string? Path { get; set; }

        /// <summary>The resolved ssh directory (ESPRISSH_HOME/.ssh, -SshDirectory or ~/.ssh).</summary>
        public string SshDirectory { get; set; } = "";

        /// <summary>Null: user@host, like ssh-keygen.</summary>
        public string? Comment { get; set; }

        public int Rounds { get; set; } = OpenSshPrivateKeyWriter.DefaultRounds;

        public bool Force { get; set; }
    }
}
