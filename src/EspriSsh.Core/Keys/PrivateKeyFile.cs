namespace EspriSsh.Core.Keys
{
    /// <summary>A private key read from a file, with what the file said about it.</summary>
    public sealed class PrivateKeyFile
    {
        public PrivateKeyFile(SshPrivateKey key, string format, bool encrypted, string source)
        {
            Key = key;
            Format = format;
            Encrypted = encrypted;
            Source = source;
        }

        public SshPrivateKey Key { get; }

        /// <summary>The IPrivateKeyFormat.Name of the file: "OpenSSH", "PEM", ...</summary>
        public string Format { get; }

        /// <summary>True when the file is protected by a passphrase.</summary>
        public bool Encrypted { get; }

        /// <summary>The path (or label) the key was read from.</summary>
        public string Source { get; }
    }
}
