using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// What a private key file tells without its passphrase (for audits): always the format and
    /// whether it is encrypted; the key type and public key when the format keeps them in clear
    /// (OpenSSH, PPK, unencrypted PEM), else null.
    /// </summary>
    public sealed class PrivateKeyPeek
    {
        public PrivateKeyPeek(string format, bool encrypted, string? keyType, SshPublicKey? publicKey, string source, int? formatVersion = null, IReadOnlyList<string>? possibleKeyTypes = null)
        {
            Format = format;
            FormatVersion = formatVersion;
            Encrypted = encrypted;
            KeyType = keyType;
            PublicKey = publicKey;
            Source = source;
            PossibleKeyTypes = possibleKeyTypes ?? (keyType == null ? new string[0] : new[] { keyType });
        }

        /// <summary>"OpenSSH", "PEM", "PKCS#8", "PPK".</summary>
        public string Format { get; }

        /// <summary>The version of formats that have several users must tell apart (PPK 2 or 3); else null.</summary>
        public int? FormatVersion { get; }

        public bool Encrypted { get; }

        /// <summary>ssh-ed25519, ssh-rsa...; null when the format hides it.</summary>
        public string? KeyType { get; }

        /// <summary>
        /// The types the key can be, from what the file shows: its KeyType when known; the three ECDSA
        /// curves for an encrypted "EC PRIVATE KEY"; empty when nothing is known (encrypted PKCS#8).
        /// </summary>
        public IReadOnlyList<string> PossibleKeyTypes { get; }

        /// <summary>The public key; null when it cannot be known without the passphrase.</summary>
        public SshPublicKey? PublicKey { get; }

        public string Source { get; }
    }
}
