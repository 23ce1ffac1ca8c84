using System;
using System.Security.Cryptography;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// The per-type private fields of the openssh-key-v1 private section (PROTOCOL.key, sshkey.c
    /// sshkey_private_serialize): the same layout ssh-agent uses.
    /// </summary>
    internal static class OpenSshKeyFields
    {
        public static void Write(SshWireWriter writer, SshPrivateKey key) => Write(writer, key, key.Comment);

        /// <summary>With another comment than the key's own (what an agent lists it as).</summary>
        public static void Write(SshWireWriter writer, SshPrivateKey key, string comment)
        {
            writer.WriteString(key.KeyType);
            switch (key)
            {
                case Ed25519PrivateKey ed:
                    writer.WriteString(ed.PublicKeyBytes).WriteString(Concat(ed.Seed, ed.PublicKeyBytes));
                    break;
                case RsaPrivateKey rsa:
                    writer.WriteMpint(rsa.Modulus).WriteMpint(rsa.PublicExponent).WriteMpint(rsa.PrivateExponent)
                        .WriteMpint(rsa.InverseQ).WriteMpint(rsa.P).WriteMpint(rsa.Q);
                    break;
                case EcdsaPrivateKey ec:
                    writer.WriteString(ec.CurveName).WriteString(ec.PublicPoint).WriteMpint(ec.PrivateScalar);
                    break;
                case DsaPrivateKey dsa:
                    writer.WriteMpint(dsa.P).WriteMpint(dsa.Q).WriteMpint(dsa.G).WriteMpint(dsa.Y).WriteMpint(dsa.X);
                    break;
                default:
                    throw new NotSupportedException(key.KeyType);
            }

            writer.WriteString(comment);
        }

        /// <summary>Reads type, fields and comment. Null when the type is unknown to us.</summary>
        public static SshPrivateKey? Read(SshWireReader reader)
        {
            string type = reader.ReadUtf8String();
            SshPrivateKey key;
            switch (type)
            {
                case Ed25519PrivateKey.TypeName:
                    byte[] publicKey = reader.ReadString();
                    byte[] secret = reader.ReadString();
                    if (publicKey.Length != 32 || secret.Length != 64)
                    {
                        throw new FormatException("Bad ED25519 key lengths.");
                    }

                    byte[] seed = new byte[32];
                    Buffer.BlockCopy(secret, 0, seed, 0, 32);
                    key = new Ed25519PrivateKey(seed, publicKey);
                    break;
                case RsaPrivateKey.TypeName:
                    byte[] n = reader.ReadMpint(), e = reader.ReadMpint(), d = reader.ReadMpint(), iqmp = reader.ReadMpint(), p = reader.ReadMpint(), q = reader.ReadMpint();
                    key = new RsaPrivateKey(n, e, d, p, q, iqmp);
                    break;
                case DsaPrivateKey.TypeName:
                    key = new DsaPrivateKey(reader.ReadMpint(), reader.ReadMpint(), reader.ReadMpint(), reader.ReadMpint(), reader.ReadMpint());
                    break;
                default:
                    if (!type.StartsWith("ecdsa-sha2-", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    string curve = reader.ReadUtf8String();
                    if (type != "ecdsa-sha2-" + curve)
                    {
                        throw new FormatException($"The ECDSA key type {type} and curve {curve} differ.");
                    }

                    key = new EcdsaPrivateKey(curve, reader.ReadString(), reader.ReadMpint());
                    break;
            }

            key.Comment = reader.ReadUtf8String();
            return key;
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            Buffer.BlockCopy(a, 0, r, 0, a.Length);
            Buffer.BlockCopy(b, 0, r, a.Length, b.Length);
            return r;
        }
    }
}
