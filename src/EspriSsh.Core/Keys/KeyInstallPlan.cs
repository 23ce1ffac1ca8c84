using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>What Install-EspriKey is about to do with one source key, decided before any passphrase is asked.</summary>
    public sealed class KeyInstallPlan
    {
        internal KeyInstallPlan(string source, PrivateKeyPeek peek, string destination, SshPublicKey? publicKey, bool alreadyInstalled, bool replacesExisting, bool force)
        {
            Source = source;
            Peek = peek;
            Destination = destination;
            PublicKey = publicKey;
            AlreadyInstalled = alreadyInstalled;
            ReplacesExisting = replacesExisting;
            Force = force;
        }

        public string Source { get; }

        /// <summary>The source's format, encryption and (when in clear) public key.</summary>
        public PrivateKeyPeek Peek { get; }

        public string Destination { get; }

        public string PublicKeyPath => Destination + ".pub";

        /// <summary>The key's public half; null until the key is decrypted when the format hides it (encrypted PEM).</summary>
        public SshPublicKey? PublicKey { get; }

        /// <summary>The destination already holds this very key: nothing will be written.</summary>
        public bool AlreadyInstalled { get; }

        /// <summary>A different key is at the destination and -Force replaces it (kept as .bak).</summary>
        public bool ReplacesExisting { get; }

        public bool Force { get; }

        /// <summary>Warnings to show before writing (site policy on the key type, no passphrase).</summary>
        public List<string> Warnings { get; } = new List<string>();
    }
}
