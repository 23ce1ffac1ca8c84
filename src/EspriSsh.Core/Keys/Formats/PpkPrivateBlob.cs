using System;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// PPK's private half per key type (PuTTY doc, "Private key encodings"), mapped onto our key model
    /// together with the public blob: RSA public e,n + private d,p,q,iqmp; DSA public p,q,g,y +
    /// private x; ECDSA public curve,Q + private mpint; Ed25519 public point + private 32-byte seed.
    /// </summary>
    internal static class PpkPrivateBlob
    {
        /// <summary>Builds the key; throws FormatException when the blobs do not fit the type.</summary>
        public static SshPrivateKey ToKey(string keyType, byte[] publicBlob, byte[] privatePlaintext)
        {
            var pub = new SshWireReader(publicBlob);
            if (pub.ReadUtf8String() != keyType)
            {
                throw new FormatException("The public key is not of the type the header names.");
            }

            var priv = new SshWireReader(privatePlaintext); // padding may follow: no end check
            switch (keyType)
            {
                case Ed25519PrivateKey.TypeName:
                    return new Ed25519PrivateKey(Fixed(priv.ReadString(), 32), Fixed(pub.ReadString(), 32));
                case RsaPrivateKey.TypeName:
                {
                    byte[] e = pub.ReadMpint(), n = pub.ReadMpint();
                    return new RsaPrivateKey(n, e, priv.ReadMpint(), priv.ReadMpint(), priv.ReadMpint(), priv.ReadMpint());
                }

                case DsaPrivateKey.TypeName:
                    return new DsaPrivateKey(pub.ReadMpint(), pub.ReadMpint(), pub.ReadMpint(), pub.ReadMpint(), priv.ReadMpint());
                default:
                {
                    string curve = pub.ReadUtf8String();
                    if (keyType != "ecdsa-sha2-" + curve)
                    {
                        throw new FormatException("The curve in the public key does not match the key type.");
                    }

                    return new EcdsaPrivateKey(curve, pub.ReadString(), priv.ReadMpint());
                }
            }
        }

        public static byte[] FromKey(SshPrivateKey key)
        {
            var writer = new SshWireWriter();
            switch (key)
            {
                case Ed25519PrivateKey ed:
                    return writer.WriteString(ed.Seed).ToArray();
                case RsaPrivateKey rsa:
                    return writer.WriteMpint(rsa.PrivateExponent).WriteMpint(rsa.P).WriteMpint(rsa.Q).WriteMpint(rsa.InverseQ).ToArray();
                case DsaPrivateKey dsa:
                    return writer.WriteMpint(dsa.X).ToArray();
                case EcdsaPrivateKey ec:
                    return writer.WriteMpint(ec.PrivateScalar).ToArray();
                default:
                    throw new NotSupportedException("No PPK encoding for " + key.KeyType);
            }
        }

        private static byte[] Fixed(byte[] value, int length) =>
            value.Length == length ? value : throw new FormatException($"Expected {length} bytes, found {value.Length}.");
    }
}
