using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// An OpenSSH certificate (PROTOCOL.certkeys, what "ssh-keygen -s" writes to id_*-cert.pub): a public
    /// key signed by a certificate authority (CA) for some principals and a validity period. Read to
    /// show what it says (ssh-keygen -L) and to tell it apart from the plain public key the site's
    /// account form wants; the CA's signature is the server's to check, not ours.
    /// </summary>
    public sealed class SshCertificate
    {
        private const string Suffix = "-cert-v01@openssh.com";

        private SshCertificate()
        {
        }

        /// <summary>The certificate's own type, e.g. ssh-ed25519-cert-v01@openssh.com.</summary>
        public string CertificateType { get; private set; } = "";

        /// <summary>The key it certifies, as its .pub line would hold it (type ssh-ed25519...).</summary>
        public SshPublicKey CertifiedKey { get; private set; } = null!;

        public ulong Serial { get; private set; }

        public SshCertificateKind Kind { get; private set; }

        public string KeyId { get; private set; } = "";

        /// <summary>User names (user certificate) or host names (host certificate); empty means any.</summary>
        public IReadOnlyList<string> Principals { get; private set; } = new string[0];

        /// <summary>Start of validity; null: valid from the beginning of time.</summary>
        public DateTimeOffset? ValidAfter { get; private set; }

        /// <summary>End of validity; null: never expires.</summary>
        public DateTimeOffset? ValidBefore { get; private set; }

        /// <summary>Names of the critical options (force-command, source-address...).</summary>
        public IReadOnlyList<string> CriticalOptions { get; private set; } = new string[0];

        /// <summary>Names of the extensions (permit-pty...).</summary>
        public IReadOnlyList<string> Extensions { get; private set; } = new string[0];

        /// <summary>The signing CA's key type (ssh-ed25519...).</summary>
        public string CaKeyType { get; private set; } = "";

        /// <summary>"SHA256:..." of the signing CA's public key, as ssh-keygen -L prints it.</summary>
        public string CaFingerprint { get; private set; } = "";

        /// <summary>True for types named *-cert-v01@openssh.com, whether or not we know the key inside.</summary>
        public static bool IsCertificateType(string keyType) => keyType.EndsWith(Suffix, StringComparison.Ordinal);

        /// <summary>The certified key type of a certificate type (ssh-ed25519-cert-v01@openssh.com -> ssh-ed25519).</summary>
        public static string BaseType(string certificateType)
        {
            string stem = certificateType.Substring(0, certificateType.Length - Suffix.Length);
            return stem.StartsWith("sk-", StringComparison.Ordinal) ? stem + "@openssh.com" : stem;
        }

        /// <summary>One line as a person reads it: "user certificate "id" for alice, bob; 2020-01-01 to 2030-01-01; CA SHA256:...".</summary>
        public override string ToString() =>
            $"{Kind.ToString().ToLowerInvariant()} certificate \"{KeyId}\" for {(Principals.Count == 0 ? "anyone" : string.Join(", ", Principals))}; " +
            $"{(ValidAfter == null ? "always" : ValidAfter.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))} to " +
            $"{(ValidBefore == null ? "forever" : ValidBefore.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC")}; CA {CaFingerprint}";

        public bool IsValidAt(DateTimeOffset moment) => (ValidAfter == null || moment >= ValidAfter) && (ValidBefore == null || moment < ValidBefore);

        /// <summary>The certificate in a blob; null with the reason when it is not a whole certificate of a type we know.</summary>
        public static SshCertificate? TryParse(byte[] blob, string comment, out string? problem)
        {
            problem = null;
            try
            {
                var reader = new SshWireReader(blob);
                string type = reader.ReadUtf8String();
                int? fields = IsCertificateType(type) ? PublicKeyBlobInfo.FieldCount(BaseType(type)) : null;
                if (fields == null)
                {
                    problem = $"'{type}' is not a certificate type OpenSSH knows";
                    return null;
                }

                reader.ReadString(); // nonce
                var key = new SshWireWriter().WriteString(BaseType(type));
                for (int i = 0; i < fields.Value; i++)
                {
                    key.WriteString(reader.ReadString());
                }

                // The certified key is checked like any public key (mpint signs, lengths, curve names).
                byte[] keyBlob = key.ToArray();
                if (PublicKeyBlobInfo.TryParse(keyBlob, out string? keyProblem) == null)
                {
                    problem = "the certified key is damaged: " + keyProblem;
                    return null;
                }

                var certificate = new SshCertificate
                {
                    CertificateType = type,
                    CertifiedKey = new SshPublicKey(keyBlob, comment),
                    Serial = ReadUInt64(reader),
                };
                uint kind = reader.ReadUInt32();
                certificate.Kind = kind == 1 ? SshCertificateKind.User : kind == 2 ? SshCertificateKind.Host : throw new FormatException($"unknown certificate kind {kind}");
                certificate.KeyId = reader.ReadUtf8String();
                certificate.Principals = Strings(reader.ReadString());
                certificate.ValidAfter = Time(ReadUInt64(reader), end: false);
                certificate.ValidBefore = Time(ReadUInt64(reader), end: true);
                certificate.CriticalOptions = Names(reader.ReadString());
                certificate.Extensions = Names(reader.ReadString());
                reader.ReadString(); // reserved
                byte[] caKey = reader.ReadString();
                reader.ReadString(); // signature
                if (!reader.AtEnd)
                {
                    throw new FormatException("extra bytes follow the certificate");
                }

                certificate.CaKeyType = new SshWireReader(caKey).ReadUtf8String();
                certificate.CaFingerprint = KeyFingerprint.Sha256(caKey);
                return certificate;
            }
            catch (FormatException ex)
            {
                problem = ex.Message;
                return null;
            }
        }

        private static ulong ReadUInt64(SshWireReader reader) => (ulong)reader.ReadUInt32() << 32 | reader.ReadUInt32();

        // A start of 0 is "always", an end of 2^64-1 "forever" (null both); other times past year 9999 are clamped.
        private static DateTimeOffset? Time(ulong seconds, bool end)
        {
            if (end ? seconds == ulong.MaxValue : seconds == 0)
            {
                return null;
            }

            return seconds >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
        }

        private static string[] Strings(byte[] packed)
        {
            var reader = new SshWireReader(packed);
            var values = new List<string>();
            while (!reader.AtEnd)
            {
                values.Add(reader.ReadUtf8String());
            }

            return values.ToArray();
        }

        // Options and extensions are (name, data) pairs; only the names say something to a person.
        private static string[] Names(byte[] packed)
        {
            var reader = new SshWireReader(packed);
            var names = new List<string>();
            while (!reader.AtEnd)
            {
                names.Add(reader.ReadUtf8String());
                reader.ReadString();
            }

            return names.ToArray();
        }
    }
}
