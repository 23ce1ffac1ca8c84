using System;
using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Judges each key an agent lists as ssh 9.2 does when it reads the list (authfd.c
    /// ssh_fetch_identitylist, sshkey_from_blob): a type ssh does not know (or an empty one) is
    /// skipped; a known type that does not parse whole (a truncated Ed25519 key, an RSA modulus under
    /// 1024 bits, an ECDSA point off its curve, a damaged certificate) is malformed, and ssh then
    /// rejects the agent's whole list.
    /// </summary>
    internal static class AgentKeyCheck
    {
        /// <summary>ssh's SSH_RSA_MINIMUM_MODULUS_SIZE: smaller RSA keys do not load at all.</summary>
        public const int MinimumRsaBits = 1024;

        /// <summary>Null for a usable key; else why not, and whether ssh merely skips it (<paramref name="unknownType"/>).</summary>
        public static string? Problem(byte[] blob, out bool unknownType)
        {
            unknownType = false;
            string type;
            try
            {
                type = new SshWireReader(blob).ReadUtf8String();
            }
            catch (FormatException ex)
            {
                return "its key is not even a type name: " + ex.Message;
            }

            bool certificate = SshCertificate.IsCertificateType(type);
            if (PublicKeyBlobInfo.FieldCount(certificate ? SshCertificate.BaseType(type) : type) == null)
            {
                unknownType = true;
                return type.Length == 0 ? "its key has an empty type name" : $"its key type '{UntrustedText.Escape(type)}' is not one ssh knows";
            }

            byte[] keyBlob = blob;
            if (certificate)
            {
                SshCertificate? parsed = SshCertificate.TryParse(blob, "", out string? certificateProblem);
                if (parsed == null)
                {
                    return $"its {type} certificate is damaged ({certificateProblem})";
                }

                keyBlob = parsed.CertifiedKey.Blob;
            }

            PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(keyBlob, out string? problem);
            if (info == null)
            {
                return $"its {type} key is damaged ({problem})";
            }

            if (info.KeyType == RsaPrivateKey.TypeName && info.Bits < MinimumRsaBits)
            {
                return $"its RSA key has a {info.Bits}-bit modulus (ssh loads none under {MinimumRsaBits} bits)";
            }

            return info.KeyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) ? PointProblem(keyBlob) : null;
        }

        /// <summary>An ECDSA public point must be uncompressed and on its curve (sshkey_ec_validate_public).</summary>
        private static string? PointProblem(byte[] keyBlob)
        {
            var reader = new SshWireReader(keyBlob);
            reader.ReadString();
            string curve = reader.ReadUtf8String();
            byte[] point = reader.ReadString();
            var parameters = EcdsaCurves.Parameters(curve);
            if (parameters == null || point.Length == 0 || point[0] != 4)
            {
                return $"its ecdsa key's point is not an uncompressed point of {curve}";
            }

            try
            {
                return parameters.Curve.DecodePoint(point).IsInfinity ? $"its ecdsa key's point is the point at infinity" : null;
            }
            catch (ArgumentException)
            {
                return $"its ecdsa key's point is not on the curve {curve}";
            }
        }
    }
}
