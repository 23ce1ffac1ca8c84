using System;
using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Checks what an agent returns for a sign request before it goes to a server: a whole SSH
    /// signature blob (string algorithm, string signature) that verifies with the key asked for over
    /// the data given. Garbage or another key's signature is the agent's fault, said as such, never
    /// the server's "connection closed".
    /// </summary>
    internal static class AgentSignature
    {
        /// <summary>The signature algorithm; throws FormatException saying what is wrong.</summary>
        public static string Check(byte[] keyBlob, byte[] data, byte[] signatureBlob)
        {
            try
            {
                return CheckOrThrow(keyBlob, data, signatureBlob);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is CryptoException)
            {
                throw new FormatException("a signature that cannot be read: " + ex.Message, ex);
            }
        }

        private static string CheckOrThrow(byte[] keyBlob, byte[] data, byte[] signatureBlob)
        {
            var reader = new SshWireReader(signatureBlob);
            string algorithm = reader.ReadUtf8String();
            byte[] signature = reader.ReadString();
            if (!reader.AtEnd)
            {
                throw new FormatException("extra bytes follow the signature");
            }

            var key = new SshWireReader(PlainKey(keyBlob));
            string keyType = key.ReadUtf8String();
            bool verifies;
            switch (keyType)
            {
                case "ssh-ed25519":
                    Expect(algorithm, keyType, "ssh-ed25519");
                    var ed = new Ed25519Signer();
                    ed.Init(false, new Ed25519PublicKeyParameters(key.ReadString(), 0));
                    verifies = Verify(ed, data, signature);
                    break;
                case "ssh-rsa":
                    Expect(algorithm, keyType, "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
                    var e = new BigInteger(1, key.ReadMpint());
                    var n = new BigInteger(1, key.ReadMpint());
                    IDigest digest = algorithm == "rsa-sha2-512" ? new Sha512Digest() : algorithm == "rsa-sha2-256" ? new Sha256Digest() : (IDigest)new Sha1Digest();
                    var rsa = new RsaDigestSigner(digest);
                    rsa.Init(false, new RsaKeyParameters(false, n, e));
                    verifies = Verify(rsa, data, signature);
                    break;
                case "ecdsa-sha2-nistp256":
                case "ecdsa-sha2-nistp384":
                case "ecdsa-sha2-nistp521":
                    Expect(algorithm, keyType, keyType);
                    verifies = VerifyEcdsa(key, data, signature);
                    break;
                default:
                    throw new FormatException($"a signature for a {keyType} key, which this test does not offer");
            }

            return verifies ? algorithm : throw new FormatException($"a {algorithm} signature that does not verify with the key asked for");
        }

        /// <summary>A certificate signs with its certified key.</summary>
        private static byte[] PlainKey(byte[] keyBlob)
        {
            string type = new SshWireReader(keyBlob).ReadUtf8String();
            if (!SshCertificate.IsCertificateType(type))
            {
                return keyBlob;
            }

            return SshCertificate.TryParse(keyBlob, "", out string? problem)?.CertifiedKey.Blob ?? throw new FormatException(problem);
        }

        private static void Expect(string algorithm, string keyType, params string[] allowed)
        {
            if (Array.IndexOf(allowed, algorithm) < 0)
            {
                throw new FormatException($"a signature of type '{UntrustedText.Escape(algorithm)}' for a {keyType} key");
            }
        }

        private static bool Verify(ISigner signer, byte[] data, byte[] signature)
        {
            signer.BlockUpdate(data, 0, data.Length);
            return signer.VerifySignature(signature);
        }

        private static bool VerifyEcdsa(SshWireReader key, byte[] data, byte[] signature)
        {
            string curve = key.ReadUtf8String();
            var parameters = EcdsaCurves.Parameters(curve) ?? throw new FormatException($"an unknown curve {curve}");
            var domain = new ECDomainParameters(parameters.Curve, parameters.G, parameters.N, parameters.H);
            var point = new ECPublicKeyParameters(parameters.Curve.DecodePoint(key.ReadString()), domain);
            IDigest digest = curve == "nistp521" ? new Sha512Digest() : curve == "nistp384" ? new Sha384Digest() : (IDigest)new Sha256Digest();
            byte[] hash = new byte[digest.GetDigestSize()];
            digest.BlockUpdate(data, 0, data.Length);
            digest.DoFinal(hash, 0);
            var rs = new SshWireReader(signature);
            var r = new BigInteger(1, rs.ReadMpint());
            var s = new BigInteger(1, rs.ReadMpint());
            var verifier = new ECDsaSigner();
            verifier.Init(false, point);
            return rs.AtEnd && verifier.VerifySignature(hash, r, s);
        }
    }
}
