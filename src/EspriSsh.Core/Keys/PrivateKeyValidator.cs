using System;
using System.Linq;
using EspriSsh.Core.Errors;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Checks that a decoded private key is one usable key, as OpenSSH and the crypto libraries will
    /// assume: sizes first (so no hostile number reaches costly arithmetic), then that the private and
    /// public halves belong together (RSA n = p·q, a point on the curve...). Every reader calls it,
    /// so SSH.NET and the writers only ever see consistent keys.
    /// </summary>
    internal static class PrivateKeyValidator
    {
        /// <summary>Throws KeyFormatInvalid (damaged key) or KeyTooSmall (RSA under 1024 bits).</summary>
        public static void Check(SshPrivateKey key, string source)
        {
            string? problem = key switch
            {
                RsaPrivateKey rsa => RsaProblem(rsa),
                DsaPrivateKey dsa => DsaProblem(dsa),
                EcdsaPrivateKey ec => EcdsaProblem(ec),
                Ed25519PrivateKey ed => Ed25519Problem(ed),
                _ => null,
            };
            if (problem != null)
            {
                throw KeyFileErrors.Invalid(source, problem);
            }

            KeySizeLimits.EnsureUsable(key.KeyType, key.Bits, source);
        }

        private static string? RsaProblem(RsaPrivateKey key)
        {
            if (key.Bits > KeySizeLimits.RsaMaximumBits)
            {
                return $"its RSA modulus has {key.Bits} bits, more than OpenSSH's {KeySizeLimits.RsaMaximumBits}.";
            }

            BigInteger n = Number(key.Modulus), e = Number(key.PublicExponent), d = Number(key.PrivateExponent);
            BigInteger p = Number(key.P), q = Number(key.Q), iqmp = Number(key.InverseQ);
            if (e.CompareTo(BigInteger.Three) < 0 || !e.TestBit(0) || e.CompareTo(n) >= 0 || p.CompareTo(BigInteger.One) <= 0 || q.CompareTo(BigInteger.One) <= 0)
            {
                return "its RSA numbers are out of range.";
            }

            if (!p.Multiply(q).Equals(n))
            {
                return "its RSA modulus is not the product of its two primes (the private and public halves do not belong together).";
            }

            bool exponentsMatch = e.Multiply(d).Mod(p.Subtract(BigInteger.One)).Equals(BigInteger.One)
                && e.Multiply(d).Mod(q.Subtract(BigInteger.One)).Equals(BigInteger.One);
            return !exponentsMatch || !q.Multiply(iqmp).Mod(p).Equals(BigInteger.One)
                ? "its RSA private numbers do not fit together."
                : null;
        }

        private static string? DsaProblem(DsaPrivateKey key)
        {
            BigInteger p = Number(key.P), q = Number(key.Q), g = Number(key.G), y = Number(key.Y), x = Number(key.X);
            if (p.BitLength > KeySizeLimits.DsaMaximumBits || q.BitLength > KeySizeLimits.DsaSubgroupMaximumBits)
            {
                return $"its DSA numbers are far larger than any DSA key ({p.BitLength}-bit p, {q.BitLength}-bit q).";
            }

            if (p.CompareTo(BigInteger.Two) <= 0 || g.CompareTo(BigInteger.One) <= 0 || g.CompareTo(p) >= 0 || x.SignValue <= 0 || x.CompareTo(q) >= 0)
            {
                return "its DSA numbers are out of range.";
            }

            return g.ModPow(x, p).Equals(y) ? null : "its DSA public and private numbers do not belong together.";
        }

        private static string? EcdsaProblem(EcdsaPrivateKey key)
        {
            X9ECParameters? curve = EcdsaCurves.Parameters(key.CurveName);
            if (curve == null)
            {
                return $"its curve {key.CurveName} is not one OpenSSH uses.";
            }

            BigInteger d = Number(key.PrivateScalar);
            if (d.SignValue <= 0 || d.CompareTo(curve.N) >= 0)
            {
                return "its ECDSA private number is out of range.";
            }

            if (key.PublicPoint.Length == 0)
            {
                return "its ECDSA public point is missing."; // DecodePoint reads the first byte unchecked
            }

            ECPoint point;
            try
            {
                point = curve.Curve.DecodePoint(key.PublicPoint);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException)
            {
                // BouncyCastle's ECCurve.DecodePoint: FormatException for an unknown encoding byte, ArgumentException for a point off the curve.
                return "its ECDSA public point is not on the curve.";
            }

            return curve.G.Multiply(d).Normalize().Equals(point.Normalize()) ? null : "its ECDSA public and private halves do not belong together.";
        }

        private static string? Ed25519Problem(Ed25519PrivateKey key)
        {
            if (key.Seed.Length != Ed25519PrivateKeyParameters.KeySize || key.PublicKeyBytes.Length != Ed25519PublicKeyParameters.KeySize)
            {
                return "its ED25519 key has the wrong length.";
            }

            byte[] derived = new Ed25519PrivateKeyParameters(key.Seed).GeneratePublicKey().GetEncoded();
            return derived.SequenceEqual(key.PublicKeyBytes) ? null : "its ED25519 public and private halves do not belong together.";
        }

        private static BigInteger Number(byte[] unsignedBigEndian) => new BigInteger(1, unsignedBigEndian);
    }
}
