using System;
using System.Collections.Generic;
using System.Threading;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// New-EspriKey's engine: the site's key policy, the default file name, never overwriting a key
    /// by accident, then generation, encryption (bcrypt_pbkdf + aes256-ctr) and owner-only writing.
    /// </summary>
    public static class KeyCreationService
    {
        public const int RsaDefaultBits = 4096;

        // What the readers accept: never write a key EspriSsh would refuse to open.
        private const int MaximumRounds = OpenSshPrivateKeyWriter.MaxRounds;

        /// <summary>Checks the request; throws KeyTypeRefused, InvalidParameter or KeyFileExists.</summary>
        public static KeyCreationPlan Plan(KeyCreationRequest request, SiteProfile site)
        {
            if (request.Rounds < 1 || request.Rounds > MaximumRounds)
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    $"-Rounds must be between 1 and {MaximumRounds} ({OpenSshPrivateKeyWriter.DefaultRounds}, the default, is what ssh-keygen uses).", request.Rounds);
            }

            (string sshType, int bits) = Resolve(request.Type, request.Bits);
            KeyPolicyResult verdict = site.Evaluate(sshType, bits);
            if (verdict.Verdict == KeyPolicyVerdict.Refused)
            {
                string instead = verdict.Reason.IndexOf("ED25519", StringComparison.Ordinal) >= 0 ? "" : " Run New-EspriKey without -Type and -Bits to make an ED25519 key.";
                throw new EspriException(ErrorIds.KeyTypeRefused,
                    $"{site.Name} does not accept {DisplayName(request.Type, bits)}. {verdict.Reason}{instead}", request.Type);
            }

            if (request.Type != NewKeyType.Ed25519 && request.Type != NewKeyType.Rsa)
            {
                throw new EspriException(ErrorIds.KeyTypeUnsupported,
                    $"EspriSsh makes ED25519 and RSA keys only; use ssh-keygen for {DisplayName(request.Type, bits)}.", request.Type);
            }

            var warnings = new List<string>();
            if (verdict.Verdict == KeyPolicyVerdict.Tolerated)
            {
                warnings.Add($"{DisplayName(request.Type, bits)}: {verdict.Reason}");
            }

            string path = request.Path ?? System.IO.Path.Combine(request.SshDirectory, KeyFile.DefaultFileName(sshType)!);
            KeyPairWriter.EnsureCanWrite(path, request.Force);
            warnings.AddRange(SshFolderSafety.Warnings(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!));
            string comment = request.Comment ?? DefaultComment();
            return new KeyCreationPlan(request.Type, bits, path, request.SshDirectory, comment, request.Rounds, request.Force, warnings);
        }

        /// <summary>
        /// Generates and writes the pair. <paramref name="passphrase"/> (UTF-8) null writes it unencrypted.
        /// <paramref name="progress"/> receives (step, fraction) while the key is made and encrypted;
        /// the token stops the KDF before anything is written.
        /// </summary>
        public static KeyInfo Create(KeyCreationPlan plan, byte[]? passphrase, Action<string, double>? progress = null, CancellationToken cancellation = default)
        {
            progress?.Invoke("Generating the key", 0);
            SshPrivateKey key = plan.Type == NewKeyType.Rsa ? (SshPrivateKey)KeyGenerator.Rsa(plan.Bits, plan.Comment) : KeyGenerator.Ed25519(plan.Comment);
            bool encrypted = passphrase != null && passphrase.Length > 0;
            byte[] file = OpenSshPrivateKeyWriter.Write(key, passphrase, plan.Rounds,
                progress == null || !encrypted ? null : new Action<double>(f => progress($"Protecting the key with the passphrase ({plan.Rounds} rounds)", f)), cancellation);
            try
            {
                string[] backups = KeyPairWriter.Write(plan.Path, file, key.PublicKey, plan.Force);
                return KeyInfo.Describe(key, plan.Path, encrypted, backups);
            }
            finally
            {
                Array.Clear(file, 0, file.Length);
            }
        }

        private static (string SshType, int Bits) Resolve(NewKeyType type, int? bits)
        {
            switch (type)
            {
                case NewKeyType.Ed25519:
                    if (bits.HasValue && bits.Value != 256)
                    {
                        throw new EspriException(ErrorIds.InvalidParameter,
                            "ED25519 keys always have 256 bits: leave -Bits out.", bits.Value);
                    }

                    return (Ed25519PrivateKey.TypeName, 256);
                case NewKeyType.Rsa:
                    int rsaBits = bits ?? RsaDefaultBits;
                    if (rsaBits > KeySizeLimits.RsaMaximumBits)
                    {
                        throw new EspriException(ErrorIds.InvalidParameter,
                            $"RSA keys above {KeySizeLimits.RsaMaximumBits} bits are not supported by OpenSSH; use {RsaDefaultBits}, or better ED25519 (the default).", rsaBits);
                    }

                    return (RsaPrivateKey.TypeName, rsaBits);
                case NewKeyType.Dsa:
                    return (DsaPrivateKey.TypeName, bits ?? 1024);
                default:
                    int curveBits = bits ?? 256;
                    return ("ecdsa-sha2-nistp" + curveBits, curveBits);
            }
        }

        private static string DisplayName(NewKeyType type, int bits) => type == NewKeyType.Ed25519 ? "ED25519" : $"{type.ToString().ToUpperInvariant()}-{bits}";

        /// <summary>user@host, what ssh-keygen writes when -C is not given.</summary>
        private static string DefaultComment() => Environment.UserName + "@" + System.Net.Dns.GetHostName();
    }
}
