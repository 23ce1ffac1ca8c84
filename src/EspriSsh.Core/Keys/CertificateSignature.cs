using System;
using System.Linq;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Ed25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Checks the certificate authority's signature of an OpenSSH certificate, as ssh-keygen -L and
    /// sshd do when they read one (sshkey.c cert_parse): a certificate whose signature does not verify
    /// is damaged or forged, never shown as valid. Every CA key type OpenSSH 9 signs with: Ed25519,
    /// RSA (ssh-rsa, rsa-sha2-256, rsa-sha2-512), ECDSA P-256/384/521, DSA and the two security-key
    /// types. BouncyCastle does the arithmetic; the SSH encodings are checked here.
    /// </summary>
    internal static class CertificateSignature
    {
        /// <summary>True when <paramref name="signature"/> (SSH signature blob) is <paramref name="caKey"/>'s signature of <paramref name="signed"/>[0..length).</summary>
        public static bool Verifies(byte[] caKey, byte[] signature, byte[] signed, int length)
        {
            try
            {
                var key = new SshWireReader(caKey);
                var sig = new SshWireReader(signature);
                string keyType = key.ReadCString();
                string sigType = sig.ReadCString();
                byte[] message = new byte[length];
                Buffer.BlockCopy(signed, 0, message, 0, length);
                switch (keyType)
                {
                    case "ssh-ed25519":
                        return sigType == keyType && Ed25519Verifies(key.ReadString(), Whole(sig.ReadString(), sig), message);
                    case "ssh-rsa":
                        return RsaVerifies(key, sigType, Whole(sig.ReadString(), sig), message);
                    case "ssh-dss":
                        return sigType == keyType && DsaVerifies(key, Whole(sig.ReadString(), sig), message);
                    case "ecdsa-sha2-nistp256":
                    case "ecdsa-sha2-nistp384":
                    case "ecdsa-sha2-nistp521":
                        return sigType == keyType && EcdsaVerifies(key.ReadCString(), key.ReadString(), Whole(sig.ReadString(), sig), Hash(DigestFor(keyType), message));
                    case "sk-ssh-ed25519@openssh.com":
                        byte[] edKey = key.ReadString();
                        byte[] edSig = sig.ReadString();
                        return sigType == keyType && Ed25519Verifies(edKey, edSig, SecurityKeyMessage(key.ReadString(), sig, message));
                    case "sk-ecdsa-sha2-nistp256@openssh.com":
                        string curve = key.ReadCString();
                        byte[] point = key.ReadString();
                        byte[] ecSig = sig.ReadString();
                        return sigType == keyType && EcdsaVerifies(curve, point, ecSig, Hash(new Sha256Digest(), SecurityKeyMessage(key.ReadString(), sig, message)));
                    default:
                        return false;
                }
            }
            catch (FormatException)
            {
                return false;
            }
            catch (ArgumentException)
            {
                return false; // BouncyCastle: a point off its curve, a number out of range
            }
        }

        private static bool Ed25519Verifies(byte[] publicKey, byte[] signature, byte[] message) =>
            publicKey.Length == Ed25519.PublicKeySize && signature.Length == Ed25519.SignatureSize
            && Ed25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);

        // ssh-rsa signs SHA-1, the rsa-sha2 names SHA-256/512; the key must have OpenSSH's 1024 bits at least.
        private static bool RsaVerifies(SshWireReader key, string sigType, byte[] signature, byte[] message)
        {
            BigInteger e = new BigInteger(1, key.ReadMpint());
            BigInteger n = new BigInteger(1, key.ReadMpint());
            IDigest? digest = sigType == "ssh-rsa" ? new Sha1Digest() : sigType == "rsa-sha2-256" ? new Sha256Digest() : sigType == "rsa-sha2-512" ? new Sha512Digest() : (IDigest?)null;
            if (digest == null || n.BitLength < KeySizeLimits.RsaMinimumBits || signature.Length > (n.BitLength + 7) / 8)
            {
                return false;
            }

            var signer = new RsaDigestSigner(digest);
            signer.Init(false, new RsaKeyParameters(false, n, e));
            signer.BlockUpdate(message, 0, message.Length);
            return signer.VerifySignature(signature);
        }

        private static bool DsaVerifies(SshWireReader key, byte[] signature, byte[] message)
        {
            BigInteger p = Number(key), q = Number(key), g = Number(key), y = Number(key);
            if (signature.Length != 40)
            {
                return false;
            }

            var signer = new DsaSigner();
            signer.Init(false, new DsaPublicKeyParameters(y, new DsaParameters(p, q, g)));
            return signer.VerifySignature(Hash(new Sha1Digest(), message), new BigInteger(1, signature, 0, 20), new BigInteger(1, signature, 20, 20));
        }

        // The signature is (mpint r, mpint s).
        private static bool EcdsaVerifies(string curveName, byte[] publicPoint, byte[] signature, byte[] hash)
        {
            X9ECParameters curve = EcdsaCurves.Parameters(curveName) ?? throw new FormatException("unknown curve");
            if (publicPoint.Length == 0)
            {
                return false; // DecodePoint reads the first byte unchecked
            }

            ECPoint point = curve.Curve.DecodePoint(publicPoint);
            var rs = new SshWireReader(signature);
            BigInteger r = new BigInteger(1, rs.ReadMpint()), s = new BigInteger(1, rs.ReadMpint());
            if (!rs.AtEnd)
            {
                return false;
            }

            var signer = new ECDsaSigner();
            signer.Init(false, new ECPublicKeyParameters(point, new ECDomainParameters(curve)));
            return signer.VerifySignature(hash, r, s);
        }

        // Security keys sign SHA-256(application) || flags || counter || SHA-256(data).
        private static byte[] SecurityKeyMessage(byte[] application, SshWireReader sig, byte[] message)
        {
            byte[] flagsAndCounter = sig.ReadBytes(5);
            if (!sig.AtEnd)
            {
                throw new FormatException("extra bytes follow the signature");
            }

            return Hash(new Sha256Digest(), application).Concat(flagsAndCounter).Concat(Hash(new Sha256Digest(), message)).ToArray();
        }

        private static IDigest DigestFor(string ecdsaType) =>
            ecdsaType.EndsWith("nistp521", StringComparison.Ordinal) ? new Sha512Digest()
            : ecdsaType.EndsWith("nistp384", StringComparison.Ordinal) ? (IDigest)new Sha384Digest()
            : new Sha256Digest();

        private static byte[] Hash(IDigest digest, byte[] data)
        {
            digest.BlockUpdate(data, 0, data.Length);
            byte[] result = new byte[digest.GetDigestSize()];
            digest.DoFinal(result, 0);
            return result;
        }

        private static BigInteger Number(SshWireReader reader) => new BigInteger(1, reader.ReadMpint());

        // The signature's last field: nothing may follow it.
        private static byte[] Whole(byte[] value, SshWireReader rest) => rest.AtEnd ? value : throw new FormatException("extra bytes follow the signature");
    }
}
