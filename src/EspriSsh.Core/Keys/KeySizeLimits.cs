using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// The key sizes OpenSSH accepts, checked before any arithmetic on numbers read from a file: a
    /// hostile file with megabit numbers would otherwise cost minutes in the key checks.
    /// </summary>
    public static class KeySizeLimits
    {
        /// <summary>OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE: smaller keys fail to load ("Invalid key length").</summary>
        public const int RsaMinimumBits = 1024;

        /// <summary>OpenSSH's SSH_RSA_MAXIMUM_MODULUS_SIZE.</summary>
        public const int RsaMaximumBits = 16384;

        /// <summary>ssh-keygen only ever made 1024-bit DSA keys; FIPS 186 stops at 3072.</summary>
        public const int DsaMaximumBits = 8192;

        /// <summary>FIPS 186 subgroups are 160, 224 or 256 bits.</summary>
        public const int DsaSubgroupMaximumBits = 512;

        /// <summary>KeyTooSmall for an RSA key OpenSSH would refuse to load; nothing for other types.</summary>
        public static void EnsureUsable(string keyType, int bits, string source)
        {
            if (keyType == RsaPrivateKey.TypeName && bits < RsaMinimumBits)
            {
                throw new EspriException(ErrorIds.KeyTooSmall,
                    $"{UntrustedText.Quoted(source)} is an RSA key of {bits} bits. OpenSSH refuses RSA keys under {RsaMinimumBits} bits (\"Invalid key length\"): " +
                    "it cannot be used, converted or installed. Make an ED25519 key with New-EspriKey and register its public key.", source);
            }
        }
    }
}
