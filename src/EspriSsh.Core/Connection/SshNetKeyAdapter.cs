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
    /// ssh-rsa (SHA-1) is refused by OpenSSH 8.8+.
    /// </summary>
    internal static class SshNetKeyAdapter
    {
        public static IPrivateKeySource ToKeySource(SshPrivateKey key, KeyOffer offer)
        {
            switch (key)
            {
                case Ed25519PrivateKey ed:
                    var edKey = new ED25519Key(Concat(ed.Seed, ed.PublicKeyBytes));
                    return new Source(new RecordingKeyHostAlgorithm("ssh-ed25519", edKey, offer));
                case RsaPrivateKey rsa:
                    var rsaKey = new RsaKey(Unsigned(rsa.Modulus), Unsigned(rsa.PublicExponent), Unsigned(rsa.PrivateExponent),
                        Unsigned(rsa.P), Unsigned(rsa.Q), Unsigned(rsa.InverseQ));
                    return new Source(
                        new RecordingKeyHostAlgorithm("rsa-sha2-512", rsaKey, new RsaDigitalSignature(rsaKey, HashAlgorithmName.SHA512), offer),
                        new RecordingKeyHostAlgorithm("rsa-sha2-256", rsaKey, new RsaDigitalSignature(rsaKey, HashAlgorithmName.SHA256), offer));
                case EcdsaPrivateKey ec:
                    var ecKey = new EcdsaKey(ec.CurveName, ec.PublicPoint, ec.PrivateScalar);
                    return new Source(new RecordingKeyHostAlgorithm(ec.KeyType, ecKey, offer));
                default:
                    throw new EspriException(ErrorIds.KeyTypeUnsupported, EspriErrorCategory.NotImplemented,
                        $"{key.KeyType} keys cannot be used to log in (OpenSSH disabled them). Make an ED25519 key with New-EspriKey.", key.KeyType);
            }
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

        private sealed class Source : IPrivateKeySource
        {
            public Source(params KeyHostAlgorithm[] algorithms) => HostKeyAlgorithms = algorithms;

            public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }
        }
    }
}
