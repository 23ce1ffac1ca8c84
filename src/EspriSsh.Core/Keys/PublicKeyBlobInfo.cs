using System;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Type and size read from a public key blob, after checking that the blob is exactly one
    /// well-formed key (nothing missing, nothing trailing), as sshd would when reading authorized_keys.
    /// </summary>
    public sealed class PublicKeyBlobInfo
    {
        private PublicKeyBlobInfo(string keyType, int bits)
        {
            KeyType = keyType;
            Bits = bits;
        }

        public string KeyType { get; }

        public int Bits { get; }

        /// <summary>
        /// How many length-prefixed fields follow the type name in a public key of this type (RSA: e, n;
        /// ECDSA: curve, point; security keys add the application); null for a type we do not know.
        /// </summary>
        internal static int? FieldCount(string keyType)
        {
            switch (keyType)
            {
                case "ssh-ed25519":
                    return 1;
                case "ssh-rsa":
                case "sk-ssh-ed25519@openssh.com":
                case "ecdsa-sha2-nistp256":
                case "ecdsa-sha2-nistp384":
                case "ecdsa-sha2-nistp521":
                    return 2;
                case "sk-ecdsa-sha2-nistp256@openssh.com":
                    return 3;
                case "ssh-dss":
                    return 4;
                default:
                    return null;
            }
        }

        /// <summary>
        /// How many bytes the key (or certificate) at the start of <paramref name="data"/> takes, from
        /// its type's layout alone: lets a reader find where a key ends in pasted text in one pass.
        /// Null when the type is unknown or the data ends first.
        /// </summary>
        internal static int? MeasureLength(byte[] data)
        {
            try
            {
                var reader = new SshWireReader(data);
                string type = reader.ReadUtf8String();
                bool certificate = SshCertificate.IsCertificateType(type);
                int? fields = FieldCount(certificate ? SshCertificate.BaseType(type) : type);
                if (fields == null)
                {
                    return null;
                }

                // A certificate: nonce, the key, serial, kind, key id, principals, validity, options, extensions, reserved, CA key, signature.
                string layout = certificate ? "s" + new string('s', fields.Value) + "84ss88sssss" : new string('s', fields.Value);
                foreach (char field in layout)
                {
                    if (field == 's')
                    {
                        reader.ReadString();
                    }
                    else
                    {
                        reader.ReadBytes(field - '0');
                    }
                }

                return reader.Position;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>Parses the blob; null with a reason when it is not a complete key.</summary>
        public static PublicKeyBlobInfo? TryParse(byte[] blob, out string? problem)
        {
            problem = null;
            try
            {
                var reader = new SshWireReader(blob);
                string type = reader.ReadUtf8String();
                int bits;
                switch (type)
                {
                    case "ssh-ed25519":
                        bits = Expect(reader.ReadString().Length, 32, 256);
                        break;
                    case "sk-ssh-ed25519@openssh.com":
                        bits = Expect(reader.ReadString().Length, 32, 256);
                        reader.ReadString(); // application
                        break;
                    case "ssh-rsa":
                        reader.ReadMpint();
                        bits = SshPrivateKey.BitLength(reader.ReadMpint());
                        break;
                    case "ssh-dss":
                        bits = SshPrivateKey.BitLength(reader.ReadMpint());
                        reader.ReadMpint();
                        reader.ReadMpint();
                        reader.ReadMpint();
                        break;
                    case "ecdsa-sha2-nistp256":
                    case "ecdsa-sha2-nistp384":
                    case "ecdsa-sha2-nistp521":
                    case "sk-ecdsa-sha2-nistp256@openssh.com":
                        string curve = reader.ReadUtf8String();
                        byte[] point = reader.ReadString();
                        if (type.StartsWith("sk-", StringComparison.Ordinal))
                        {
                            reader.ReadString();
                        }

                        bits = curve == "nistp521" ? 521 : curve == "nistp384" ? 384 : 256;
                        if (!type.Contains(curve))
                        {
                            problem = $"the key says it is {type} but holds curve {UntrustedText.Escape(curve)}";
                            return null;
                        }

                        if (!IsOnCurve(curve, point))
                        {
                            problem = "its point is not on its curve (ssh refuses such a key)";
                            return null;
                        }

                        break;
                    default:
                        problem = $"'{UntrustedText.Escape(type)}' is not a key type OpenSSH knows";
                        return null;
                }

                if (!reader.AtEnd)
                {
                    problem = "extra bytes follow the key";
                    return null;
                }

                return new PublicKeyBlobInfo(type, bits);
            }
            catch (FormatException ex)
            {
                problem = ex.Message;
                return null;
            }
        }

        // What ssh's sshkey_ec_validate_public asks, for curves whose cofactor is 1: a point of the curve, not infinity.
        private static bool IsOnCurve(string curve, byte[] point)
        {
            if (point.Length == 0)
            {
                return false; // DecodePoint reads the first byte unchecked
            }

            try
            {
                Org.BouncyCastle.Math.EC.ECPoint decoded = EcdsaCurves.Parameters(curve)!.Curve.DecodePoint(point);
                return !decoded.IsInfinity && decoded.IsValid();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException)
            {
                return false; // ECCurve.DecodePoint: an unknown encoding byte, a point off the curve
            }
        }

        private static int Expect(int actual, int expected, int bits)
        {
            if (actual != expected)
            {
                throw new FormatException($"the key is {actual} bytes long instead of {expected}");
            }

            return bits;
        }
    }
}
