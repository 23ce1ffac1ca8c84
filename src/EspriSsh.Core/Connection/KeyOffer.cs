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
    }
}
