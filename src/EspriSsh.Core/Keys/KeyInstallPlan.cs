using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>What Install-EspriKey is about to do with one source key, decided before any passphrase is asked.</summary>
    public sealed class KeyInstallPlan
    {
        internal KeyInstallPlan(KeyInstallRequest request, PrivateKeyPeek peek, string destination, SshPublicKey? publicKey, KeyInstallAction action, bool replacesExisting)
        {
            Request = request;
            Peek = peek;
            Destination = destination;
            PublicKey = publicKey;
            Action = action;
            ReplacesExisting = replacesExisting;
        }

        public string Source => Request.Source;

        /// <summary>The source's format, encryption and (when in clear) public key.</summary>
        public PrivateKeyPeek Peek { get; }

        public string Destination { get; }

        public string PublicKeyPath => Destination + ".pub";

        /// <summary>The key's public half; null until the key is decrypted when the format hides it (encrypted PEM, PKCS#8).</summary>
        public SshPublicKey? PublicKey { get; }

        public KeyInstallAction Action { get; }

        /// <summary>The destination already holds this very key, in order: nothing will be written.</summary>
        public bool AlreadyInstalled => Action == KeyInstallAction.None;

        /// <summary>An existing file is replaced (kept as .bak; -Force was given).</summary>
        public bool ReplacesExisting { get; }

        public bool Force => Request.Force;

        /// <summary>The OpenSSH source file is installed byte for byte (only made loadable): its own encryption is kept.</summary>
        public bool CopiesSourceFile => Peek.Format == Formats.OpenSshPrivateKeyReader.FormatName && !Request.ChangesPassphrase;

        internal KeyInstallRequest Request { get; }

        /// <summary>Warnings to show before writing (site policy on the key type).</summary>
        public List<string> Warnings { get; } = new List<string>();
    }
}
