using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The local half of the authentication diagnosis, done before any network: can each key file be
    /// read and decrypted, would OpenSSH accept its rights, does its .pub belong to it, what does the
    /// site think of its type.
    /// </summary>
    internal sealed class IdentityInspector
    {
        private readonly PrivateKeyLoader loadKey;
        private readonly SiteProfile site;
        private readonly Dictionary<string, LoadedIdentity> cache = new Dictionary<string, LoadedIdentity>(StringComparer.Ordinal);

        public IdentityInspector(PrivateKeyLoader loadKey, SiteProfile site)
        {
            this.loadKey = loadKey;
            this.site = site;
        }

        public IReadOnlyList<LoadedIdentity> Inspect(IEnumerable<string> paths, byte[]? passphrase) =>
            paths.Select(p => cache.TryGetValue(p, out LoadedIdentity? known) ? known : cache[p] = InspectOne(p, passphrase)).ToList();

        private LoadedIdentity InspectOne(string path, byte[]? passphrase)
        {
            var identity = new LoadedIdentity(path);
            if (!File.Exists(path))
            {
                SshPublicKey? beside = PublicKeyFile.TryReadBeside(path);
                if (beside != null)
                {
                    return PublicOnly(identity, beside, $"{UntrustedText.Quoted(path)} does not exist; its public key '{path}{PublicKeyFile.Suffix}' is there");
                }

                identity.Problem = $"{UntrustedText.Quoted(path)} does not exist.";
                identity.ProblemId = ErrorIds.KeyFileNotFound;
                return identity;
            }

            AccessVerdict rights = HostPlatform.FileProtection.Inspect(path);
            identity.RightsProblem = rights.IsOwnerOnly ? null : rights.Problem ?? rights.Description;
            SshPrivateKey key;
            try
            {
                key = loadKey(path, passphrase);
            }
            catch (EspriException ex)
            {
                // Like ssh (sshkey_load_public), an IdentityFile holding a public key line selects the agent's copy of that key.
                SshPublicKey? line = path.EndsWith(PublicKeyFile.Suffix, StringComparison.Ordinal) || ex.ErrorId == ErrorIds.KeyFormatInvalid
                    ? PublicKeyFile.TryRead(path, out _)
                    : null;
                if (line != null)
                {
                    return PublicOnly(new LoadedIdentity(path), line, $"{UntrustedText.Quoted(path)} is a public key");
                }

                identity.Problem = ex.Message;
                identity.ProblemId = ex.ErrorId;
                // Still known without the passphrase: lets the agent sign for it, or the passphrase be asked later.
                identity.PublicKey = PublicKeyWithoutPassphrase(path);
                return identity;
            }

            identity.Key = key;
            identity.PublicKey = key.PublicKey;
            identity.Policy = site.Evaluate(key.KeyType, key.Bits);
            identity.PublicFileMismatch = CheckPublicFile(path, key, KeyFingerprint.Sha256(key.PublicKeyBlob));
            return identity;
        }

        /// <summary>
        /// An identity known by its public key only (1Password, Secretive and YubiKey users name the .pub
        /// of a key their agent holds): the agent signs if it holds the key; else it is offered, as ssh
        /// offers it, and cannot sign.
        /// </summary>
        private LoadedIdentity PublicOnly(LoadedIdentity identity, SshPublicKey key, string what)
        {
            identity.PublicKey = key;
            identity.Problem = $"{what}, and the agent does not hold its private key.";
            identity.ProblemId = ErrorIds.KeyFileNotFound;
            PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(key.Blob, out _);
            identity.Policy = info == null ? null : site.Evaluate(info.KeyType, info.Bits);
            return identity;
        }

        /// <summary>The clear public half of the file (OpenSSH, PPK), else its .pub, as ssh loads it.</summary>
        private static SshPublicKey? PublicKeyWithoutPassphrase(string path)
        {
            try
            {
                SshPublicKey? inFile = PrivateKeyFileReader.PeekFile(path).PublicKey;
                if (inFile != null)
                {
                    return inFile;
                }
            }
            catch (EspriException)
            {
                // Unreadable: the .pub may still tell.
            }

            return PublicKeyFile.TryReadBeside(path);
        }

        private static string? CheckPublicFile(string path, SshPrivateKey key, string fingerprint)
        {
            string pubPath = path + ".pub";
            if (!File.Exists(pubPath))
            {
                return null;
            }

            SshPublicKey? pub = PublicKeyFile.TryRead(pubPath, out _);
            if (pub == null)
            {
                return $"{UntrustedText.Quoted(pubPath)} is not a valid public key line; write it again (the old file is kept as .bak): {KeyAdvice.WritePublicKey(path)}";
            }

            return pub.SameKeyAs(key.PublicKey)
                ? null
                : $"{UntrustedText.Quoted(pubPath)} holds another key ({KeyFingerprint.Sha256(pub.Blob)}) than {UntrustedText.Quoted(path)} ({fingerprint}): a .pub sent from it would never match. Write the right one (the old file is kept as .bak): {KeyAdvice.WritePublicKey(path)}";
        }
    }
}
