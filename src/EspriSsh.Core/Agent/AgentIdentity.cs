using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Agent
{
    /// <summary>One key an agent holds: its public part and comment (an agent never gives out the private part).</summary>
    public sealed class AgentIdentity
    {
        // A comment is a name (ssh-add puts the file's): a longer one is cut, never printed whole.
        private const int LongestComment = 200;

        /// <param name="comment">As the agent sent it: kept for display, cut and with its control characters escaped.</param>
        public AgentIdentity(byte[] blob, string comment)
        {
            string shown = comment.Length > LongestComment ? comment.Substring(0, LongestComment) + "..." : comment;
            PublicKey = new SshPublicKey(blob, UntrustedText.Escape(shown));
            SentComment = comment;
            Fingerprint = KeyFingerprint.Sha256(blob);
        }

        public SshPublicKey PublicKey { get; }

        /// <summary>The public key in SSH wire format: what a sign request names.</summary>
        public byte[] Blob => PublicKey.Blob;

        public string KeyType => PublicKey.KeyType;

        /// <summary>The agent's comment (ssh-add puts the file name), safe to print.</summary>
        public string Comment => PublicKey.Comment;

        /// <summary>The comment as the agent sent it (ssh-add -l prints it so): only to find it in that output.</summary>
        internal string SentComment { get; }

        /// <summary>SHA256:... as ssh-add -l prints it.</summary>
        public string Fingerprint { get; }

        public override string ToString() => $"{KeyType} {Fingerprint} {Comment}".TrimEnd();
    }
}
