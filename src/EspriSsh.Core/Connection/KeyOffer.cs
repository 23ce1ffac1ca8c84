namespace EspriSsh.Core.Connection
{
    /// <summary>One identity the test can present: where it came from, and what the server did with it.</summary>
    public sealed class KeyOffer
    {
        public KeyOffer(string path, string keyType, int bits, string fingerprint)
        {
            Path = path;
            KeyType = keyType;
            Bits = bits;
            Fingerprint = fingerprint;
        }

        public string Path { get; }

        public string KeyType { get; }

        public int Bits { get; }

        /// <summary>SHA256:... of the key's public part (what the IT team sees in authorized_keys).</summary>
        public string Fingerprint { get; }

        /// <summary>The key was sent to the server (SSH.NET read its public blob).</summary>
        public bool Offered { get; internal set; }

        /// <summary>The server said yes to the key (SSH.NET was asked to sign with it).</summary>
        public bool Accepted { get; internal set; }

        /// <summary>A signature was asked for the key (the server accepts it), whether or not one could be made.</summary>
        public bool SignatureRequested { get; internal set; }

        /// <summary>The agent that signs with the key ("Pageant"...), or null when the key file itself signs.</summary>
        public string? Agent { get; internal set; }

        /// <summary>The signature algorithm the key is offered under (rsa-sha2-512 for RSA with an OpenSSH server...).</summary>
        public string Algorithm { get; internal set; } = "";

        /// <summary>The signature algorithm the agent actually used, when it is not the one asked for (an agent that only knows ssh-rsa).</summary>
        public string? AgentSignedWith { get; internal set; }
    }
}
