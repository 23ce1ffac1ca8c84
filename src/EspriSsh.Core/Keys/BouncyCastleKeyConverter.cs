using System;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace EspriSsh.Core.Keys
{
    /// <summary>BouncyCastle key parameters to our model (BouncyCastle types never leave the core's internals).</summary>
    internal static class BouncyCastleKeyConverter
    {
        /// <summary>Null when the key type has no SSH equivalent we support.</summary>
        public static SshPrivateKey? ToSshKey(AsymmetricKeyParameter privateKey)
        {
            switch (privateKey)
            {
                case RsaPrivateCrtKeyParameters rsa:
                    return new RsaPrivateKey(U(rsa.Modulus), U(rsa.PublicExponent), U(rsa.Exponent), U(rsa.P), U(rsa.Q), U(rsa.QInv));
                case Ed25519PrivateKeyParameters ed:
                    return new Ed25519PrivateKey(ed.GetEncoded(), ed.GeneratePublicKey().GetEncoded());
                case DsaPrivateKeyParameters dsa:
                    DsaParameters p = dsa.Parameters;
                    return new DsaPrivateKey(U(p.P), U(p.Q), U(p.G), U(p.G.ModPow(dsa.X, p.P)), U(dsa.X));
                case ECPrivateKeyParameters ec:
                    string? curve = CurveName(ec.PublicKeyParamSet);
                    if (curve == null)
                    {
                        return null;
                    }

                    byte[] point = ec.Parameters.G.Multiply(ec.D).Normalize().GetEncoded(false);
                    return new EcdsaPrivateKey(curve, point, U(ec.D));
                default:
                    return null;
            }
        }

        private static string? CurveName(DerObjectIdentifier? oid)
        {
            switch (oid?.Id)
            {
                case "1.2.840.10045.3.1.7":
                    return "nistp256";
                case "1.3.132.0.34":
                    return "nistp384";
                case "1.3.132.0.35":
                    return "nistp521";
                default:
                    return null;
            }
        }

        private static byte[] U(BigInteger value) => value.ToByteArrayUnsigned();
    }
}
