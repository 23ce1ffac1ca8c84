using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Convert-PpkKey's engine: PuTTY .ppk to OpenSSH (what ssh and Windows OpenSSH use) and any key
    /// the key engine reads to PPK v3 (for PuTTY/MobaXterm). Plan checks everything that needs no
    /// passphrase; Read decrypts; Write re-encrypts and writes the pair with New-EspriKey's rules.
    /// </summary>
    public static class KeyConversionService
    {
        /// <summary>Throws KeyFileNotFound, NotAPpkFile/Ppk*, KeyFormatInvalid, KeyTypeRefused, InvalidParameter or KeyFileExists.</summary>
        public static KeyConversionPlan Plan(KeyConversionRequest request, SiteProfile site)
        {
            string source = request.SourcePath;
            byte[] content = KeyFile.Load(source);
            PpkFile? ppk = null;
            PrivateKeyPeek peek;
            IPrivateKeyFormat? format = PrivateKeyFileReader.FormatOf(content);
            if (format == null || format is PpkPrivateKeyFormat)
            {
                // Unknown content is reported as "not a .ppk": that is what this command expects.
                ppk = PpkReader.Parse(content, source);
                peek = PpkPrivateKeyFormat.Peek(ppk, source);
            }
            else
            {
                peek = PrivateKeyFileReader.Peek(content, source);
            }

            KeyFileErrors.RefuseDsa(peek.KeyType, site, source, "converted");

            if (peek.PublicKey != null)
            {
                KeySizeLimits.EnsureUsable(peek.PublicKey.KeyType, PublicKeyBlobInfo.TryParse(peek.PublicKey.Blob, out _)?.Bits ?? 0, source);
            }

            KeyOutputFormat output = request.OutputFormat ?? (ppk != null ? KeyOutputFormat.OpenSsh : KeyOutputFormat.Ppk);
            if (output == KeyOutputFormat.Ppk && peek.KeyType != null && !KeyTypeNames.FitsInPpk(peek.KeyType))
            {
                throw new EspriException(ErrorIds.KeyTypeUnsupported,
                    $"{UntrustedText.Quoted(source)} holds {KeyTypeNames.Describe(peek.KeyType)}, which the PuTTY key format (.ppk) cannot hold: PuTTY has no such keys. " +
                    "Keep using it with OpenSSH as it is; nothing was written.", source);
            }

            string destination = request.Destination ?? DefaultDestination(output, peek.KeyType, source, request.SshDirectory);
            KeyPairWriter.EnsureCanWrite(destination, request.Force);
            return new KeyConversionPlan(source, content, ppk, peek, output, destination, request.Force);
        }

        /// <summary>
        /// Decrypts the source (passphrase UTF-8, null when none given: PassphraseRequired if needed).
        /// Returns the key and the site-policy warnings that apply to it. The token stops the KDF.
        /// </summary>
        public static (SshPrivateKey Key, IReadOnlyList<string> Warnings) Read(
            KeyConversionPlan plan, byte[]? passphrase, SiteProfile site, Action<double>? progress = null, CancellationToken cancellation = default)
        {
            SshPrivateKey key = plan.Ppk != null
                ? plan.Ppk.Decrypt(passphrase, progress, cancellation)
                : PrivateKeyFileReader.Read(plan.SourceContent, passphrase, plan.SourcePath, cancellation).Key;
            KeyFileErrors.RefuseDsa(key.KeyType, site, plan.SourcePath, "converted");
            var warnings = new List<string>();
            KeyPolicyResult verdict = site.Evaluate(key.KeyType, key.Bits);
            if (verdict.Verdict != KeyPolicyVerdict.Preferred)
            {
                warnings.Add($"{key.KeyType} ({key.Bits} bits) converted, but {site.Name} " +
                    (verdict.Verdict == KeyPolicyVerdict.Refused ? "will not accept it" : "only tolerates it") + $": {verdict.Reason}");
            }

            return (key, warnings);
        }

        /// <summary>Writes the converted pair (newPassphrase UTF-8; null or empty = unencrypted). progress: KDF fraction.</summary>
        public static KeyInfo Write(KeyConversionPlan plan, SshPrivateKey key, byte[]? newPassphrase, Action<double>? progress = null, CancellationToken cancellation = default)
        {
            bool encrypted = newPassphrase != null && newPassphrase.Length > 0;
            byte[] file = plan.OutputFormat == KeyOutputFormat.Ppk
                ? PpkWriter.Write(key, newPassphrase, progress, cancellation)
                : OpenSshPrivateKeyWriter.Write(key, newPassphrase, OpenSshPrivateKeyWriter.DefaultRounds, progress, cancellation);
            try
            {
                string[] backups = KeyPairWriter.Write(plan.Destination, file, key.PublicKey, plan.Force);
                return KeyInfo.Describe(key, plan.Destination, encrypted, backups);
            }
            finally
            {
                Array.Clear(file, 0, file.Length);
            }
        }

        private static string DefaultDestination(KeyOutputFormat output, string? keyType, string source, string sshDirectory)
        {
            if (output == KeyOutputFormat.Ppk)
            {
                return Path.ChangeExtension(source, ".ppk");
            }

            string? name = keyType == null ? null : KeyFile.DefaultFileName(keyType);
            return name != null
                ? Path.Combine(sshDirectory, name)
                : throw new EspriException(ErrorIds.InvalidParameter,
                    $"The key type of {UntrustedText.Quoted(source)} is only known after decryption, so no default file name can be chosen. Give -Destination.", source);
        }
    }
}
