using System;
using System.Collections.Generic;
using System.Numerics;
using System.Security.Cryptography;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using Renci.SshNet;
using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Hands a key our engine decrypted to SSH.NET, so every format and passphrase error is ours.
    /// RSA is offered as rsa-sha2-512 then rsa-sha2-256 with matching signers: SSH.NET's default
    /// ssh-rsa (SHA-1) is refused by OpenSSH 8.8+. A certificate (SSH.NET 2026 supports OpenSSH user
    /// certificates for ED25519, ECDSA and RSA keys) is offered under its *-cert-v01 algorithm names.
    /// </summary>
    internal static class SshNetKeyAdapter
    {
        public static IPrivateKeySource ToKeySource(SshPrivateKey key, KeyOffer offer) =>
            Adapt(key, null, offer, (name, sshNetKey, signature) => signature == null
                ? new RecordingKeyHostAlgorithm(name, sshNetKey, offer)
                : new RecordingKeyHostAlgorithm(name, sshNetKey, signature, offer));

        /// <summary>The key with its certificate; KeyTypeUnsupported when SSH.NET cannot offer that certificate.</summary>
        public static IPrivateKeySource ToCertificateSource(SshPrivateKey key, SshCertificate certificate, byte[] certificateBlob, KeyOffer offer)
        {
            Certificate sshNetCertificate;
            try
            {
                sshNetCertificate = new Certificate(certificateBlob);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                throw new EspriException(ErrorIds.KeyTypeUnsupported, EspriErrorCategory.NotImplemented,
                    $"The certificate '{offer.Path}' ({certificate.CertificateType}) cannot be offered by this test: SSH.NET, the SSH library it uses, does not read it. " +
                    "ssh itself may still use it.", offer.Path, ex);
            }

            return Adapt(key, certificate, offer, (name, sshNetKey, signature) => signature == null
                ? new RecordingCertificateHostAlgorithm(CertificateName(name), sshNetKey, sshNetCertificate, offer)
                : new RecordingCertificateHostAlgorithm(CertificateName(name), sshNetKey, sshNetCertificate, signature, offer));
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

        // ssh-ed25519 -> ssh-ed25519-cert-v01@openssh.com; rsa-sha2-512 -> rsa-sha2-512-cert-v01@openssh.com.
        private static string CertificateName(string algorithm) => algorithm + "-cert-v01@openssh.com";

        /// <summary>
        /// Builds SSH.NET's key and one algorithm per signature scheme. The readers validated the key;
        /// whatever SSH.NET or the platform's crypto still rejects is a damaged key (KeyFormatInvalid),
        /// never a CryptographicException escaping the test.
        /// </summary>
        private static IPrivateKeySource Adapt(SshPrivateKey key, SshCertificate? certificate, KeyOffer offer, Func<string, Key, DigitalSignature?, KeyHostAlgorithm> algorithm)
        {
            try
            {
                switch (key)
                {
                    case Ed25519PrivateKey ed:
                        return new Source(algorithm("ssh-ed25519", new ED25519Key(Concat(ed.Seed, ed.PublicKeyBytes)), null));
                    case RsaPrivateKey rsa:
                        var rsaKey = new RsaKey(Unsigned(rsa.Modulus), Unsigned(rsa.PublicExponent), Unsigned(rsa.PrivateExponent),
                            Unsigned(rsa.P), Unsigned(rsa.Q), Unsigned(rsa.InverseQ));
                        return new Source(
                            algorithm("rsa-sha2-512", rsaKey, new RsaDigitalSignature(rsaKey, HashAlgorithmName.SHA512)),
                            algorithm("rsa-sha2-256", rsaKey, new RsaDigitalSignature(rsaKey, HashAlgorithmName.SHA256)));
                    case EcdsaPrivateKey ec:
                        return new Source(algorithm(ec.KeyType, new EcdsaKey(ec.CurveName, ec.PublicPoint, ec.PrivateScalar), null));
                    default:
                        throw new EspriException(ErrorIds.KeyTypeUnsupported, EspriErrorCategory.NotImplemented,
                            $"{key.KeyType} keys cannot be used to log in (OpenSSH disabled them). Make an ED25519 key with New-EspriKey.", key.KeyType);
                }
            }
            catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException || ex is InvalidOperationException || ex is NotSupportedException)
            {
                string what = certificate == null ? "key" : "certificate";
                throw new EspriException(ErrorIds.KeyFormatInvalid, EspriErrorCategory.InvalidData,
                    $"'{offer.Path}' cannot be used: the SSH library rejects this {what} ({ex.Message}). The file is probably damaged; use a backup or make a new key with New-EspriKey.",
                    offer.Path, ex);
            }
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] all = new byte[a.Length + b.Length];
            Buffer.BlockCopy(a, 0, all, 0, a.Length);
            Buffer.BlockCopy(b, 0, all, a.Length, b.Length);
            return all;
        }

        private sealed class Source : IPrivateKeySource
        {
            public Source(params KeyHostAlgorithm[] algorithms) => HostKeyAlgorithms = algorithms;

            public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }
        }
    }
}
