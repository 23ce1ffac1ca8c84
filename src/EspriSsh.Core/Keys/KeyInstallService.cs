using System;
using System.IO;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Install-EspriKey's engine ("keys replication"): puts an existing private key (OpenSSH, PEM,
    /// .ppk) where OpenSSH looks for it, in the OpenSSH format, with its .pub, owner-only, keeping its
    /// passphrase protection. Never replaces a different key without force; the same key again is a
    /// no-op.
    /// </summary>
    public static class KeyInstallService
    {
        /// <summary>
        /// Looks at the source without its passphrase and decides the destination. Pass
        /// <paramref name="decrypted"/> when the key had to be decrypted to learn its public half
        /// (PublicKey null in a first plan). Throws KeyFileNotFound, KeyFormatInvalid, KeyFileExists.
        /// </summary>
        public static KeyInstallPlan Plan(string source, string? destination, string sshDirectory, bool force, SiteProfile site, PrivateKeyFile? decrypted = null)
        {
            PrivateKeyPeek peek = PrivateKeyFileReader.PeekFile(source);
            SshPublicKey? publicKey = decrypted?.Key.PublicKey ?? peek.PublicKey;
            string keyType = publicKey?.KeyType ?? peek.KeyType ?? Ed25519PrivateKey.TypeName;
            string target = destination ?? Path.Combine(sshDirectory, KeyFile.DefaultFileName(keyType) ?? KeyFile.DefaultFileName(Ed25519PrivateKey.TypeName)!);

            SshPublicKey? existing = File.Exists(target) ? ExistingPublicKey(target) : null;
            bool same = existing != null && publicKey != null && existing.SameKeyAs(publicKey);
            if (!same && publicKey != null)
            {
                KeyPairWriter.EnsureCanWrite(target, force);
            }

            bool replaces = !same && (File.Exists(target) || File.Exists(target + ".pub"));
            var plan = new KeyInstallPlan(source, peek, target, publicKey, same, replaces, force);
            if (publicKey != null)
            {
                PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(publicKey.Blob, out _);
                KeyPolicyResult verdict = site.Evaluate(publicKey.KeyType, info?.Bits ?? 0);
                if (verdict.Verdict != KeyPolicyVerdict.Preferred)
                {
                    plan.Warnings.Add($"{site.Name}: {verdict.Verdict.ToString().ToLowerInvariant()}. {verdict.Reason}");
                }
            }

            return plan;
        }

        /// <summary>
        /// True when the key must be decrypted: it is not an OpenSSH file (it is converted), a new
        /// passphrase is asked for, it goes to the agent, or its public half is hidden.
        /// </summary>
        public static bool NeedsDecryption(KeyInstallPlan plan, bool newPassphrase, bool addToAgent) =>
            plan.Peek.Format != OpenSshPrivateKeyReader.FormatName || newPassphrase || addToAgent || plan.PublicKey == null;

        /// <summary>The key already installed, described as after an install (nothing is written).</summary>
        public static KeyInfo DescribeInstalled(KeyInstallPlan plan)
        {
            SshPublicKey publicKey = ExistingPublicKey(plan.Destination) ?? plan.PublicKey!;
            SshPublicKey withComment = PublicKeyFile.TryReadBeside(plan.Destination) ?? publicKey;
            return KeyInfo.Describe(withComment, Bits(withComment), plan.Destination, PrivateKeyFileReader.PeekFile(plan.Destination).Encrypted, new string[0]);
        }

        /// <summary>
        /// Writes the key and its .pub. <paramref name="decrypted"/> is null when the OpenSSH source is
        /// copied as is. <paramref name="passphrase"/> (UTF-8) protects a re-written key; null leaves it
        /// unencrypted.
        /// </summary>
        public static KeyInfo Install(KeyInstallPlan plan, PrivateKeyFile? decrypted, byte[]? passphrase, int rounds = OpenSshPrivateKeyWriter.DefaultRounds)
        {
            byte[] file;
            SshPublicKey publicKey;
            bool encrypted;
            if (decrypted == null)
            {
                file = KeyFile.Load(plan.Source);
                publicKey = WithSourceComment(plan.PublicKey!, plan.Source);
                encrypted = plan.Peek.Encrypted;
            }
            else
            {
                file = OpenSshPrivateKeyWriter.Write(decrypted.Key, passphrase, rounds);
                publicKey = decrypted.Key.PublicKey;
                encrypted = passphrase != null && passphrase.Length > 0;
            }

            try
            {
                string[] backups = KeyPairWriter.Write(plan.Destination, file, publicKey, plan.Force);
                return KeyInfo.Describe(publicKey, Bits(publicKey), plan.Destination, encrypted, backups);
            }
            finally
            {
                Array.Clear(file, 0, file.Length);
            }
        }

        // An encrypted OpenSSH key hides its comment: take it from the source's own .pub when it matches.
        private static SshPublicKey WithSourceComment(SshPublicKey publicKey, string source)
        {
            SshPublicKey? sourcePub = PublicKeyFile.TryReadBeside(source);
            return sourcePub != null && sourcePub.SameKeyAs(publicKey) ? sourcePub : publicKey;
        }

        private static SshPublicKey? ExistingPublicKey(string privatePath)
        {
            try
            {
                return PrivateKeyFileReader.PeekFile(privatePath).PublicKey ?? PublicKeyFile.TryReadBeside(privatePath);
            }
            catch (Errors.EspriException)
            {
                return null; // unreadable: a different key as far as overwriting goes
            }
        }

        private static int Bits(SshPublicKey key) => PublicKeyBlobInfo.TryParse(key.Blob, out _)?.Bits ?? 0;
    }
}
