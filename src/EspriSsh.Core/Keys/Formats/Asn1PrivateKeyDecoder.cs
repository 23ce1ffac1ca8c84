using System.Collections.Generic;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// The ASN.1 private key structures of PEM and PKCS#8 files (RFC 8017 RSAPrivateKey, OpenSSL's DSA
    /// sequence, RFC 5915 ECPrivateKey, RFC 5958 PrivateKeyInfo with RSA, DSA, EC and Ed25519) to our key
    /// model. BouncyCastle parses the ASN.1; numbers become our model without passing through
    /// BouncyCastle's key classes, whose checks cost seconds on hostile sizes. Structure errors surface
    /// as BouncyCastle's own exceptions (the reader reports them); a key type SSH cannot use is
    /// KeyTypeUnsupported naming it.
    /// </summary>
    internal static class Asn1PrivateKeyDecoder
    {
        // PKCS#8 algorithms that are not SSH signing keys, by the name KeyTypeUnsupported shows.
        private static readonly Dictionary<string, string> OtherAlgorithms = new Dictionary<string, string>
        {
            [EdECObjectIdentifiers.id_Ed448.Id] = KeyTypeNames.Ed448,
            [EdECObjectIdentifiers.id_X25519.Id] = "X25519",
            [EdECObjectIdentifiers.id_X448.Id] = "X448",
            [PkcsObjectIdentifiers.IdRsassaPss.Id] = "RSA-PSS",
            [PkcsObjectIdentifiers.DhKeyAgreement.Id] = "DH",
            [X9ObjectIdentifiers.DHPublicNumber.Id] = "DH",
            ["2.16.840.1.101.3.4.3.17"] = "ML-DSA-44",
            ["2.16.840.1.101.3.4.3.18"] = "ML-DSA-65",
            ["2.16.840.1.101.3.4.3.19"] = "ML-DSA-87",
            ["2.16.840.1.101.3.4.4.1"] = "ML-KEM-512",
            ["2.16.840.1.101.3.4.4.2"] = "ML-KEM-768",
            ["2.16.840.1.101.3.4.4.3"] = "ML-KEM-1024",
        };

        /// <summary>"RSA PRIVATE KEY": RSAPrivateKey.</summary>
        public static SshPrivateKey Rsa(Asn1Encodable structure)
        {
            RsaPrivateKeyStructure rsa = RsaPrivateKeyStructure.GetInstance(structure);
            return new RsaPrivateKey(U(rsa.Modulus), U(rsa.PublicExponent), U(rsa.PrivateExponent), U(rsa.Prime1), U(rsa.Prime2), U(rsa.Coefficient));
        }

        /// <summary>"DSA PRIVATE KEY": OpenSSL's SEQUENCE { version, p, q, g, y, x }.</summary>
        public static SshPrivateKey Dsa(Asn1Encodable structure)
        {
            Asn1Sequence sequence = Asn1Sequence.GetInstance(structure);
            if (sequence.Count != 6)
            {
                throw new System.FormatException("the DSA key does not have its six numbers.");
            }

            BigInteger Number(int i) => DerInteger.GetInstance(sequence[i]).Value;
            return new DsaPrivateKey(U(Number(1)), U(Number(2)), U(Number(3)), U(Number(4)), U(Number(5)));
        }

        /// <summary>"EC PRIVATE KEY" (RFC 5915); <paramref name="curveOid"/> from PKCS#8 when the structure omits it.</summary>
        public static SshPrivateKey Ec(Asn1Encodable structure, string source, Asn1Encodable? algorithmParameters = null)
        {
            ECPrivateKeyStructure ec = ECPrivateKeyStructure.GetInstance(structure);
            DerObjectIdentifier? oid = CurveOf(ec.Parameters ?? algorithmParameters);
            if (ec.Parameters != null && algorithmParameters != null && !Equals(CurveOf(ec.Parameters), CurveOf(algorithmParameters)))
            {
                throw new System.FormatException("its two curve names differ.");
            }

            string? curve = EcdsaCurves.NameOf(oid);
            if (curve == null)
            {
                string what = oid == null ? "explicit curve parameters" : ECNamedCurveTable.GetName(oid) ?? oid.Id;
                throw KeyFileErrors.UnsupportedKeyType(source, "ECDSA on " + what);
            }

            X9ECParameters domain = EcdsaCurves.Parameters(curve)!;
            BigInteger d = ec.GetKey();
            if (d.SignValue <= 0 || d.CompareTo(domain.N) >= 0)
            {
                throw new System.FormatException("its ECDSA private number is out of range.");
            }

            // The public point is optional in the file; when present it must be the one of d (the validator compares).
            byte[] point = ec.PublicKey?.GetOctets() ?? domain.G.Multiply(d).Normalize().GetEncoded(false);
            return new EcdsaPrivateKey(curve, point, U(d));
        }

        /// <summary>"PRIVATE KEY" (PKCS#8 PrivateKeyInfo / OneAsymmetricKey).</summary>
        public static SshPrivateKey FromPrivateKeyInfo(PrivateKeyInfo info, string source)
        {
            AlgorithmIdentifier algorithm = info.PrivateKeyAlgorithm;
            string oid = algorithm.Algorithm.Id;
            if (oid == PkcsObjectIdentifiers.RsaEncryption.Id)
            {
                return Rsa(info.ParsePrivateKey());
            }

            if (oid == X9ObjectIdentifiers.IdDsa.Id)
            {
                return DsaFromParameters(DsaParameter.GetInstance(algorithm.Parameters), DerInteger.GetInstance(info.ParsePrivateKey()).Value);
            }

            if (oid == X9ObjectIdentifiers.IdECPublicKey.Id)
            {
                return Ec(info.ParsePrivateKey(), source, algorithm.Parameters);
            }

            if (oid == EdECObjectIdentifiers.id_Ed25519.Id)
            {
                byte[] seed = Asn1OctetString.GetInstance(info.ParsePrivateKey()).GetOctets();
                if (seed.Length != Ed25519PrivateKeyParameters.KeySize)
                {
                    throw new System.FormatException("its ED25519 key is not 32 bytes long.");
                }

                byte[] publicKey = info.PublicKey?.GetOctets() ?? new Ed25519PrivateKeyParameters(seed).GeneratePublicKey().GetEncoded();
                return new Ed25519PrivateKey(seed, publicKey);
            }

            throw KeyFileErrors.UnsupportedKeyType(source, OtherAlgorithms.TryGetValue(oid, out string? name) ? name : $"unknown algorithm (OID {oid})");
        }

        /// <summary>The named curve of EC parameters (an OID, or X9.62 parameters naming one); null for explicit parameters.</summary>
        private static DerObjectIdentifier? CurveOf(Asn1Encodable? parameters)
        {
            if (parameters == null || parameters is DerObjectIdentifier)
            {
                return (DerObjectIdentifier?)parameters;
            }

            X962Parameters x962 = X962Parameters.GetInstance(parameters);
            return x962.IsNamedCurve ? DerObjectIdentifier.GetInstance(x962.Parameters) : null;
        }

        // PKCS#8 DSA keeps only x; y = g^x mod p, computed once the sizes are known to be those of a DSA key.
        private static SshPrivateKey DsaFromParameters(DsaParameter parameters, BigInteger x)
        {
            if (parameters.P.BitLength > KeySizeLimits.DsaMaximumBits || parameters.Q.BitLength > KeySizeLimits.DsaSubgroupMaximumBits
                || x.SignValue <= 0 || x.CompareTo(parameters.Q) >= 0 || parameters.P.SignValue <= 0)
            {
                throw new System.FormatException("its DSA numbers are not those of a DSA key.");
            }

            return new DsaPrivateKey(U(parameters.P), U(parameters.Q), U(parameters.G), U(parameters.G.ModPow(x, parameters.P)), U(x));
        }

        private static byte[] U(BigInteger value) => value.SignValue < 0 ? throw new System.FormatException("a negative number in a key.") : value.ToByteArrayUnsigned();
    }
}
