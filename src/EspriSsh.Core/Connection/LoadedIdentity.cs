using EspriSsh.Core.Site;
using Renci.SshNet;

namespace EspriSsh.Core.Connection
{
    /// <summary>One identity file after local inspection: the key ready for SSH.NET, or why it cannot be used.</summary>
    internal sealed class LoadedIdentity
    {
        public LoadedIdentity(string path) => Path = path;

        public string Path { get; }

        /// <summary>Set when the key could be read and handed to SSH.NET.</summary>
        public KeyOffer? Offer { get; set; }

        public IPrivateKeySource? Source { get; set; }

        /// <summary>Why the key cannot be offered (missing, passphrase needed, wrong passphrase...).</summary>
        public string? Problem { get; set; }

        /// <summary>The key engine's ErrorId for <see cref="Problem"/>.</summary>
        public string? ProblemId { get; set; }

        /// <summary>Rights too open: OpenSSH would ignore this file even though the test can read it.</summary>
        public string? RightsProblem { get; set; }

        /// <summary>The .pub next to the key holds another key.</summary>
        public string? PublicFileMismatch { get; set; }

        public KeyPolicyResult? Policy { get; set; }

        /// <summary>The decrypted key, for the certificates offered with it.</summary>
        public Keys.SshPrivateKey? Key { get; set; }

        /// <summary>True when this identity is a certificate (id_*-cert.pub, CertificateFile) offered with its key.</summary>
        public bool IsCertificate { get; set; }
    }
}
