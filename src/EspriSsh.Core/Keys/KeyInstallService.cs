using System;
using System.IO;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Install-EspriKey's engine ("keys replication"): puts an existing private key (OpenSSH, PEM,
    /// PKCS#8, .ppk) where OpenSSH looks for it, in the OpenSSH format, with its .pub, owner-only,
    /// keeping its passphrase protection, and checks the result reads back. Never replaces a different
    /// key without force; the same key again is a no-op, unless what is there cannot be used (a file
    /// OpenSSH cannot load, a missing or foreign .pub): then that is rewritten, which also makes
    /// "Install-EspriKey -Path k -Destination k" the repair of a key in place.
    /// </summary>
    public static class KeyInstallService
    {
        /// <summary>
        /// Looks at the source without its passphrase and decides what to write. Pass
        /// <paramref name="decrypted"/> when the key had to be decrypted to learn its public half
        /// (PublicKey null in a first plan). Throws KeyFileNotFound, KeyFormatInvalid, KeyTypeUnsupported, KeyTypeRefused (DSA), KeyTooSmall, KeyFileExists.
        /// </summary>
        public static KeyInstallPlan Plan(KeyInstallRequest request, SiteProfile site, PrivateKeyFile? decrypted = null)
        {
            PrivateKeyPeek peek = PrivateKeyFileReader.PeekFile(request.Source);
            if (peek.KeyType != null && !KeyTypeNames.HasPrivateKeySupport(peek.KeyType))
            {
                // Not even a copy: its passphrase could not be checked, nor the copy read back.
                throw KeyFileErrors.UnsupportedKeyType(request.Source, peek.KeyType);
            }

            SshPublicKey? publicKey = decrypted?.Key.PublicKey ?? peek.PublicKey;
            int bits = publicKey == null ? 0 : Bits(publicKey);
            if (publicKey != null)
            {
                KeySizeLimits.EnsureUsable(publicKey.KeyType, bits, request.Source);
            }

            string keyType = publicKey?.KeyType ?? peek.KeyType ?? Ed25519PrivateKey.TypeName;
            KeyFileErrors.RefuseDsa(keyType, site, request.Source, "installed");
            string target = request.Destination ?? Path.Combine(request.SshDirectory, KeyFile.DefaultFileName(keyType) ?? KeyFile.DefaultFileName(Ed25519PrivateKey.TypeName)!);
            KeyInstallAction action = publicKey == null ? KeyInstallAction.KeyPair : ActionFor(request, target, publicKey);
            switch (action)
            {
                case KeyInstallAction.KeyPair when publicKey != null:
                    KeyPairWriter.EnsureCanWrite(target, request.Force);
                    break;
                case KeyInstallAction.PublicKeyOnly when File.Exists(target + ".pub") && !request.Force:
                    throw new EspriException(ErrorIds.KeyFileExists,
                        $"{UntrustedText.Quoted(target)} holds this key, but '{target}.pub' is not its public half. Use -Force to write the right one (the old file is kept as .bak).", target + ".pub");
            }

            bool replaces = action == KeyInstallAction.KeyPair ? File.Exists(target) || File.Exists(target + ".pub")
                : action == KeyInstallAction.PublicKeyOnly && File.Exists(target + ".pub");
            var plan = new KeyInstallPlan(request, peek, target, publicKey, action, replaces);
            if (publicKey != null)
            {
                KeyPolicyResult verdict = site.Evaluate(publicKey.KeyType, bits);
                if (verdict.Verdict != KeyPolicyVerdict.Preferred)
                {
                    plan.Warnings.Add($"{site.Name}: {verdict.Verdict.ToString().ToLowerInvariant()}. {verdict.Reason}");
                }
            }

            return plan;
        }

        /// <summary>
        /// True when the key must be decrypted before Install: its public half is hidden, it is
        /// converted or re-encrypted, it goes to the agent, or a passphrase was given (it is checked:
        /// a key is never installed with a passphrase that does not open it).
        /// </summary>
        public static bool NeedsDecryption(KeyInstallPlan plan, bool passphraseGiven, bool addToAgent) =>
            plan.PublicKey == null || addToAgent || passphraseGiven
            || (plan.Action == KeyInstallAction.KeyPair && !plan.CopiesSourceFile);

        /// <summary>The key already installed, described as after an install (nothing is written).</summary>
        public static KeyInfo DescribeInstalled(KeyInstallPlan plan)
        {
            SshPublicKey publicKey = PublicKeyFile.TryReadBeside(plan.Destination) ?? plan.PublicKey!;
            return KeyInfo.Describe(publicKey, Bits(publicKey), plan.Destination, PrivateKeyFileReader.PeekFile(plan.Destination).Encrypted, new string[0]);
        }

        /// <summary>
        /// Writes what the plan says. <paramref name="decrypted"/> is the key when it was decrypted
        /// (always when it is converted or re-encrypted). <paramref name="newPassphrase"/> (UTF-8)
        /// protects a re-written key, else <paramref name="sourcePassphrase"/>; null leaves it
        /// unencrypted. Reads the result back: FileWriteFailed when it is not the key planned.
        /// </summary>
        public static KeyInfo Install(
            KeyInstallPlan plan, PrivateKeyFile? decrypted, byte[]? newPassphrase, byte[]? sourcePassphrase,
            int rounds = OpenSshPrivateKeyWriter.DefaultRounds, CancellationToken cancellation = default)
        {
            SshPublicKey publicKey = WithComment(decrypted?.Key.PublicKey ?? plan.PublicKey!, plan, decrypted);
            string[] backups;
            bool encrypted;
            if (plan.Action == KeyInstallAction.PublicKeyOnly)
            {
                backups = KeyPairWriter.WritePublicKey(plan.Destination, publicKey, plan.Force);
                encrypted = plan.Peek.Encrypted;
            }
            else
            {
                byte[] file;
                if (plan.CopiesSourceFile)
                {
                    file = OpenSshArmor.Loadable(KeyFile.Load(plan.Source));
                    encrypted = plan.Peek.Encrypted;
                }
                else
                {
                    byte[]? passphrase = newPassphrase ?? sourcePassphrase;
                    file = OpenSshPrivateKeyWriter.Write(decrypted!.Key, passphrase, rounds, cancellation: cancellation);
                    encrypted = passphrase != null && passphrase.Length > 0;
                }

                try
                {
                    backups = KeyPairWriter.Write(plan.Destination, file, publicKey, plan.Force);
                }
                finally
                {
                    Array.Clear(file, 0, file.Length);
                }
            }

            VerifyWritten(plan, publicKey);
            return KeyInfo.Describe(publicKey, Bits(publicKey), plan.Destination, encrypted, backups);
        }

        private static KeyInstallAction ActionFor(KeyInstallRequest request, string target, SshPublicKey publicKey)
        {
            PrivateKeyPeek? existing = PeekOrNull(target);
            SshPublicKey? pub = PublicKeyFile.TryReadBeside(target);
            SshPublicKey? there = existing == null ? null : existing.PublicKey ?? pub;
            if (there == null || !there.SameKeyAs(publicKey))
            {
                return KeyInstallAction.KeyPair;
            }

            // The same key is there: rewrite only what OpenSSH could not use, or what the user asked to change.
            // OpenSSL reads PEM/PKCS#8 whatever the line ends; OpenSSH's own format must be exact; PPK not at all.
            bool loadable = existing!.Format == OpenSshPrivateKeyReader.FormatName ? OpenSshArmor.IsLoadable(KeyFile.Load(target))
                : !existing.Format.StartsWith(PpkPrivateKeyFormat.FormatName, StringComparison.Ordinal);
            if (request.ChangesPassphrase || !loadable)
            {
                return KeyInstallAction.KeyPair;
            }

            return pub != null && pub.SameKeyAs(publicKey) ? KeyInstallAction.None : KeyInstallAction.PublicKeyOnly;
        }

        // The comment ssh-keygen would show: the source's own .pub when it is this key's, else the key's own (OpenSSH, PPK).
        private static SshPublicKey WithComment(SshPublicKey publicKey, KeyInstallPlan plan, PrivateKeyFile? decrypted)
        {
            SshPublicKey? sourcePub = PublicKeyFile.TryReadBeside(plan.Source);
            if (sourcePub != null && sourcePub.SameKeyAs(publicKey) && sourcePub.Comment.Length > 0)
            {
                return sourcePub;
            }

            string comment = decrypted?.Key.Comment is { Length: > 0 } inner ? inner : plan.Peek.PublicKey?.Comment ?? "";
            return new SshPublicKey(publicKey.Blob, comment);
        }

        private static void VerifyWritten(KeyInstallPlan plan, SshPublicKey publicKey)
        {
            SshPublicKey? written = PeekOrNull(plan.Destination)?.PublicKey;
            SshPublicKey? pub = PublicKeyFile.TryReadBeside(plan.Destination);
            if (written == null || !written.SameKeyAs(publicKey) || pub == null || !pub.SameKeyAs(publicKey))
            {
                throw new EspriException(ErrorIds.FileWriteFailed,
                    $"{UntrustedText.Quoted(plan.Destination)} was written but does not read back as the key of {UntrustedText.Quoted(plan.Source)}. Check the disk and the folder, then install again " +
                    "(replaced files were kept as .bak).", plan.Destination);
            }
        }

        private static PrivateKeyPeek? PeekOrNull(string path)
        {
            try
            {
                return File.Exists(path) ? PrivateKeyFileReader.PeekFile(path) : null;
            }
            catch (EspriException)
            {
                return null; // unreadable: a different key as far as overwriting goes
            }
        }

        private static int Bits(SshPublicKey key) => PublicKeyBlobInfo.TryParse(key.Blob, out _)?.Bits ?? 0;
    }
}
