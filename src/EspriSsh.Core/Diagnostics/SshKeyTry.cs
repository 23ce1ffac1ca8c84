using EspriSsh.Core.Display;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>One key ssh offered to a host, as its log shows it.</summary>
    internal sealed class SshKeyTry
    {
        public SshKeyTry(string path, string type, string fingerprint, bool fromAgent)
        {
            Path = path;
            Type = type;
            Fingerprint = fingerprint;
            FromAgent = fromAgent;
        }

        /// <summary>The file (or the agent's comment for a key only the agent holds).</summary>
        public string Path { get; }

        public string Type { get; }

        public string Fingerprint { get; }

        /// <summary>The agent holds it (ssh's log says "agent").</summary>
        public bool FromAgent { get; }

        /// <summary>The server knows the key ("Server accepts key").</summary>
        public bool Accepted { get; set; }

        /// <summary>Accepted, but ssh sent no signature: it could not open the key (a passphrase nobody could type, bad rights).</summary>
        public bool NotSigned { get; set; }

        public override string ToString() => $"{UntrustedText.Escape(Path)} ({UntrustedText.Escape(Type)} {Fingerprint})";
    }
}
