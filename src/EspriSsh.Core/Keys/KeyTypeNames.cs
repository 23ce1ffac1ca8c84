using System;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// What a key type name means to a person, for the key types EspriSsh reads but cannot use or
    /// convert: security keys (FIDO), post-quantum hybrids, Ed448, and whatever comes next.
    /// </summary>
    public static class KeyTypeNames
    {
        public const string Ed448 = "ssh-ed448";

        /// <summary>Algorithms of PKCS#8 files that hold no signing key (names as KeyTypeUnsupported shows them).</summary>
        internal static readonly string[] KeyAgreementTypes = { "X25519", "X448", "DH", "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024" };

        /// <summary>The types whose private keys EspriSsh reads, converts and installs; any other type is KeyTypeUnsupported.</summary>
        public static bool HasPrivateKeySupport(string keyType) =>
            keyType == Ed25519PrivateKey.TypeName || keyType == RsaPrivateKey.TypeName || keyType == DsaPrivateKey.TypeName
            || keyType == "ecdsa-sha2-nistp256" || keyType == "ecdsa-sha2-nistp384" || keyType == "ecdsa-sha2-nistp521";

        /// <summary>OpenSSH's security-key (FIDO/U2F) types: the private half lives in a hardware token.</summary>
        public static bool IsSecurityKey(string keyType) => keyType.StartsWith("sk-", StringComparison.Ordinal);

        /// <summary>The types a PuTTY .ppk file can hold (PuTTY doc, "PPK file format").</summary>
        public static bool FitsInPpk(string keyType) => HasPrivateKeySupport(keyType) || keyType == Ed448;

        /// <summary>
        /// "an Ed448 key", "a security-key (FIDO) key (sk-ssh-ed25519@openssh.com)", "a foo key". The name
        /// comes from a file: escaped, and an empty one is said to be missing.
        /// </summary>
        public static string Describe(string keyType)
        {
            if (keyType.Length == 0)
            {
                return "a key whose type name is empty";
            }

            if (!UntrustedText.IsSafe(keyType))
            {
                return $"a key of type '{UntrustedText.Escape(keyType)}'";
            }

            if (keyType == Ed448)
            {
                return "an Ed448 key";
            }

            if (IsSecurityKey(keyType))
            {
                return $"a security-key (FIDO) key ({keyType})";
            }

            if (IsMlDsa(keyType))
            {
                return $"a post-quantum ML-DSA key ({keyType})";
            }

            return ("aeiouAEIOU".IndexOf(keyType[0]) >= 0 ? "an " : "a ") + keyType + " key";
        }

        /// <summary>Why a key of this type cannot be used here, and what (if anything) can use it. Never advice to convert it.</summary>
        public static string WhyUnusable(string keyType)
        {
            if (keyType == Ed448)
            {
                return "OpenSSH and SSH servers have no Ed448 keys, so no tool can turn it into a key that logs in to the site.";
            }

            if (IsSecurityKey(keyType))
            {
                return "Its private half lives in a hardware security key; only OpenSSH's ssh, with the token plugged in, can sign with it.";
            }

            if (IsMlDsa(keyType))
            {
                return "It needs a recent OpenSSH (10 or newer) on both ends, and EspriSsh cannot sign with it yet.";
            }

            return Array.IndexOf(KeyAgreementTypes, keyType) >= 0
                ? "Such keys only agree on secrets; they cannot sign, so no SSH login can use them."
                : "EspriSsh does not know this key type, and the site does not accept it.";
        }

        private static bool IsMlDsa(string keyType) => keyType.Replace("-", "").IndexOf("mldsa", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
