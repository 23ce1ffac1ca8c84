using System;
using System.Collections.Generic;
using System.Numerics;
using System.Security.Cryptography;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Hands keys to SSH.NET: a key our engine decrypted (so every format and passphrase error is
    /// ours), or a public key whose signature is made elsewhere (the agent, or a key decrypted only
    /// when the server wants it), under the algorithm ssh would use (<see cref="SignatureAlgorithms"/>):
    /// SSH.NET's default ssh-rsa (SHA-1) is refused by OpenSSH 8.8+. A key's OpenSSH certificate is
    /// offered the same way, its blob sent under the *-cert-v01@openssh.com algorithm names.
    /// </summary>
    internal static class SshNetKeyAdapter
    {
        private const string CertificateSuffix = "-cert-v01@openssh.com";

        /// <summary>Key types SSH.NET can offer: others (DSA, FIDO security keys) are reported, not offered.</summary>
        public static bool CanOffer(string keyType) =>
            keyType == Ed25519PrivateKey.TypeName || keyType == RsaPrivateKey.TypeName || keyType.StartsWith("ecdsa-sha2-nistp", StringComparison.Ordinal);

        public static string WhyNotOffered(string keyType) => keyType == DsaPrivateKey.TypeName
            ? "DSA (ssh-dss) keys cannot be used to log in (OpenSSH disabled them). Make an ED25519 key with New-EspriKey."
            : $"{keyType} keys cannot be tested by EspriSsh (security keys need their device). Test with ssh itself.";

        /// <summary>
        /// The decrypted key under <paramref name="algorithm"/>, signing in memory. The readers validated
        /// the key; whatever SSH.NET or the platform's crypto still rejects is a damaged key
        /// (KeyFormatInvalid), never a CryptographicException escaping the test.
        /// </summary>
        public static KeyHostAlgorithm ForPrivateKey(SshPrivateKey key, string algorithm, KeyOffer offer)
        {
            try
            {
                switch (key)
                {
                    case Ed25519PrivateKey ed:
                        return new RecordingKeyHostAlgorithm(algorithm, new ED25519Key(Concat(ed.Seed, ed.PublicKeyBytes)), offer);
                    case RsaPrivateKey rsa:
                        var rsaKey = new RsaKey(Unsigned(rsa.Modulus), Unsigned(rsa.PublicExponent), Unsigned(rsa.PrivateExponent),
                            Unsigned(rsa.P), Unsigned(rsa.Q), Unsigned(rsa.InverseQ));
                        HashAlgorithmName hash = algorithm == SignatureAlgorithms.RsaSha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
                        return new RecordingKeyHostAlgorithm(algorithm, rsaKey, new RsaDigitalSignature(rsaKey, hash), offer);
                    case EcdsaPrivateKey ec:
                        return new RecordingKeyHostAlgorithm(algorithm, new EcdsaKey(ec.CurveName, ec.PublicPoint, ec.PrivateScalar), offer);
                    default:
                        throw new EspriException(ErrorIds.KeyTypeUnsupported, WhyNotOffered(key.KeyType), key.KeyType);
                }
            }
            catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException || ex is InvalidOperationException || ex is NotSupportedException)
            {
                throw new EspriException(ErrorIds.KeyFormatInvalid,
                    $"{UntrustedText.Quoted(offer.Path)} cannot be used: the SSH library rejects this key ({ex.Message}). The file is probably damaged; use a backup or make a new key with New-EspriKey.",
                    offer.Path, ex);
            }
        }

        /// <summary>
        /// An OpenSSH certificate offered as ssh offers it: the certificate's blob under
        /// <paramref name="algorithm"/>-cert-v01@openssh.com (rsa-sha2-512-cert-v01@openssh.com...),
        /// signed as its key signs (<paramref name="sign"/>, with the plain algorithm). SSH.NET sends the
        /// blob as is; the server checks the certificate.
        /// </summary>
        public static KeyHostAlgorithm ForCertificate(byte[] keyBlob, string keyType, byte[] certificateBlob, string algorithm, Func<byte[], byte[]?> sign, KeyOffer offer) =>
            SignedElsewhere(keyBlob, keyType, algorithm + CertificateSuffix, certificateBlob, sign, offer);

        /// <summary>The public key <paramref name="blob"/> under <paramref name="algorithm"/>, signed by <paramref name="sign"/> (null: skip the key).</summary>
        public static KeyHostAlgorithm ForSigner(byte[] blob, string keyType, string algorithm, Func<byte[], byte[]?> sign, KeyOffer offer) =>
            SignedElsewhere(blob, keyType, algorithm, blob, sign, offer);

        private static KeyHostAlgorithm SignedElsewhere(byte[] keyBlob, string keyType, string algorithm, byte[] sent, Func<byte[], byte[]?> sign, KeyOffer offer)
        {
            var data = new SshKeyData(keyBlob);
            Key publicKey = keyType == Ed25519PrivateKey.TypeName ? new ED25519Key(data)
                : keyType == RsaPrivateKey.TypeName ? new RsaKey(data)
                : (Key)new EcdsaKey(data);
            return new RecordingKeyHostAlgorithm(algorithm, publicKey, sent, sign, offer);
        }

        /// <summary>An unsigned big-endian magnitude as a (non-negative) BigInteger, on every target.</summary>
        internal static BigInteger Unsigned(byte[] bigEndian)
        {
            byte[] little = new byte[bigEndian.Length + 1];
            for (int i = 0; i < bigEndian.Length; i++)
            {
                little[i] = bigEndian[bigEndian.Length - 1 - i];
            }

            return new BigInteger(little);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] all = new byte[a.Length + b.Length];
            Buffer.BlockCopy(a, 0, all, 0, a.Length);
            Buffer.BlockCopy(b, 0, all, a.Length, b.Length);
            return all;
        }
    }
}
