using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EspriSsh.Core.Display;

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
        /// <summary>How every certificate type name ends.</summary>
        public const string TypeSuffix = "-cert-v01@openssh.com";

        private const string Suffix = TypeSuffix;

        /// <summary>SSHKEY_CERT_MAX_PRINCIPALS.</summary>
        private const int MaxPrincipals = 256;

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

        /// <summary>
        /// True for types named *-cert-v01@openssh.com, whether or not we know the key inside (a name
        /// that is the suffix alone names no key type: it is no certificate type).
        /// </summary>
        public static bool IsCertificateType(string keyType) => keyType.Length > Suffix.Length && keyType.EndsWith(Suffix, StringComparison.Ordinal);

        /// <summary>The certified key type of a certificate type (ssh-ed25519-cert-v01@openssh.com -> ssh-ed25519).</summary>
        public static string BaseType(string certificateType)
        {
            string stem = certificateType.Substring(0, certificateType.Length - Suffix.Length);
            return stem.StartsWith("sk-", StringComparison.Ordinal) ? stem + "@openssh.com" : stem;
        }

        /// <summary>
        /// One line as a person reads it: "user certificate "id" for alice, bob; 2020-01-01 to 2030-01-01; CA SHA256:...".
        /// Key ID and principals come from the file: escaped, and the principals listed up to a few.
        /// </summary>
        public override string ToString() =>
            $"{Kind.ToString().ToLowerInvariant()} certificate \"{UntrustedText.Escape(KeyId)}\" for " +
            $"{(Principals.Count == 0 ? "anyone" : ShortList.Join(", ", Principals.Select(UntrustedText.Escape)))}; " +
            $"{(ValidAfter == null ? "always" : ValidAfter.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} to " +
            $"{(ValidBefore == null ? "forever" : ValidBefore.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC")}; CA {CaFingerprint}";

        public bool IsValidAt(DateTimeOffset moment) => (ValidAfter == null || moment >= ValidAfter) && (ValidBefore == null || moment < ValidBefore);

        /// <summary>
        /// The certificate in a blob; null with the reason when ssh-keygen -L would refuse it too (sshkey.c
        /// cert_parse and ssh-keygen.c show_options): a type it does not know, a damaged certified key,
        /// a kind other than user or host, a NUL inside a text, more than 256 principals, a malformed
        /// option (force-command and source-address hold exactly one string, flags hold nothing), a
        /// signing key that is no plain key, a CA signature that does not verify, or bytes after it.
        /// </summary>
        public static SshCertificate? TryParse(byte[] blob, string comment, out string? problem)
        {
            problem = null;
            try
            {
                var reader = new SshWireReader(blob);
                string type = reader.ReadCString();
                int? fields = IsCertificateType(type) ? PublicKeyBlobInfo.FieldCount(BaseType(type)) : null;
                if (fields == null)
                {
                    problem = $"'{UntrustedText.Escape(type)}' is not a certificate type OpenSSH knows";
                    return null;
                }

                reader.ReadString(); // nonce
                var key = new SshWireWriter().WriteString(BaseType(type));
                for (int i = 0; i < fields.Value; i++)
                {
                    key.WriteString(reader.ReadString());
                }

                // The certified key is checked like any public key (mpint signs, lengths, curve points, RSA size).
                byte[] keyBlob = key.ToArray();
                string? keyProblem = PlainKeyProblem(keyBlob);
                if (keyProblem != null)
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
                certificate.Kind = kind == 1 ? SshCertificateKind.User : kind == 2 ? SshCertificateKind.Host : throw new FormatException($"it is of unknown kind {kind} (neither user nor host)");
                certificate.KeyId = reader.ReadCString();
                certificate.Principals = ReadPrincipals(reader.ReadString());
                certificate.ValidAfter = Time(ReadUInt64(reader), end: false);
                certificate.ValidBefore = Time(ReadUInt64(reader), end: true);
                certificate.CriticalOptions = CertificateOptions.Names(reader.ReadString(), critical: true);
                certificate.Extensions = CertificateOptions.Names(reader.ReadString(), critical: false);
                reader.ReadString(); // reserved
                byte[] caKey = reader.ReadString();
                int signedLength = reader.Position;
                byte[] signature = reader.ReadString();
                if (!reader.AtEnd)
                {
                    throw new FormatException("extra bytes follow the certificate");
                }

                string? caProblem = PlainKeyProblem(caKey);
                if (caProblem != null)
                {
                    problem = "the key of the certificate authority that signed it is not a key OpenSSH accepts: " + caProblem;
                    return null;
                }

                certificate.CaKeyType = new SshWireReader(caKey).ReadCString();
                certificate.CaFingerprint = KeyFingerprint.Sha256(caKey);
                if (!CertificateSignature.Verifies(caKey, signature, blob, signedLength))
                {
                    problem = $"the signature of its certificate authority ({certificate.CaFingerprint}) does not verify: the certificate was altered or forged";
                    return null;
                }

                return certificate;
            }
            catch (FormatException ex)
            {
                problem = ex.Message;
                return null;
            }
        }

        // What ssh accepts as a key (a certificate's own or its CA's): a whole key of a known type, RSA of 1024 bits or more, no certificate.
        private static string? PlainKeyProblem(byte[] keyBlob)
        {
            PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(keyBlob, out string? problem);
            return info == null ? problem
                : info.KeyType == RsaPrivateKey.TypeName && info.Bits < KeySizeLimits.RsaMinimumBits ? $"an RSA key of {info.Bits} bits (OpenSSH needs {KeySizeLimits.RsaMinimumBits} at least)"
                : null;
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

        // OpenSSH reads at most SSHKEY_CERT_MAX_PRINCIPALS (256) names.
        private static string[] ReadPrincipals(byte[] packed)
        {
            var reader = new SshWireReader(packed);
            var values = new List<string>();
            while (!reader.AtEnd)
            {
                if (values.Count == MaxPrincipals)
                {
                    throw new FormatException($"it names more than {MaxPrincipals} principals, OpenSSH's limit");
                }

                values.Add(reader.ReadCString());
            }

            return values.ToArray();
        }
    }
}
