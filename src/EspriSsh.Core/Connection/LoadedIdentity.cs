using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// One identity: a key file after local inspection (the key ready for SSH.NET, or why it cannot be
    /// used), or a key only the agent holds.
    /// </summary>
    internal sealed class LoadedIdentity
    {
        public LoadedIdentity(string path) => Path = path;

        /// <summary>The key file; for a key only the agent holds, how the agent names it.</summary>
        public string Path { get; }

        /// <summary>False for a key only the agent holds (no file, no .pub to send).</summary>
        public bool IsFile { get; set; } = true;

        /// <summary>The public key, when known without the passphrase (the file's clear part, its .pub, or the agent).</summary>
        public SshPublicKey? PublicKey { get; set; }

        /// <summary>The decrypted key, when the file could be read (unencrypted, or -Passphrase given).</summary>
        public SshPrivateKey? Key { get; set; }

        /// <summary>The agent that signs with this key ("Pageant"...); null when the file's key signs.</summary>
        public string? Agent { get; set; }

        /// <summary>What the agent is asked to sign with: the plain key, or the certificate when the agent holds it.</summary>
        public byte[]? AgentBlob { get; set; }

        /// <summary>Set when the key is offered to the server (what happened to it is recorded there).</summary>
        public KeyOffer? Offer { get; set; }

        /// <summary>Why the key cannot be offered (missing, passphrase needed, wrong passphrase...).</summary>
        public string? Problem { get; set; }

        /// <summary>The key engine's ErrorId for <see cref="Problem"/>.</summary>
        public string? ProblemId { get; set; }

        /// <summary>Rights too open: OpenSSH would ignore this file even though the test can read it.</summary>
        public string? RightsProblem { get; set; }

        /// <summary>The .pub next to the key holds another key.</summary>
        public string? PublicFileMismatch { get; set; }

        public KeyPolicyResult? Policy { get; set; }

        /// <summary>For a certificate (id_*-cert.pub, CertificateFile, or one the agent holds): the certificate as sent.</summary>
        public byte[]? CertificateBlob { get; set; }

        /// <summary>For a certificate the agent does not hold: the identity whose key signs for it (a file, or the agent's plain key); null when none can.</summary>
        public LoadedIdentity? CertifiedKey { get; set; }

        public bool IsCertificate => CertificateBlob != null;

        /// <summary>The inspection's facts without what one connection records (Offer): each hop offers its own copy.</summary>
        public LoadedIdentity CopyForHop() => new LoadedIdentity(Path)
        {
            IsFile = IsFile,
            PublicKey = PublicKey,
            Key = Key,
            Agent = Agent,
            AgentBlob = AgentBlob,
            Problem = Problem,
            ProblemId = ProblemId,
            RightsProblem = RightsProblem,
            PublicFileMismatch = PublicFileMismatch,
            Policy = Policy,
            CertificateBlob = CertificateBlob,
            CertifiedKey = CertifiedKey,
        };
    }
}
