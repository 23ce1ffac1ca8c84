using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

        /// <summary>
        /// The hop's keys in order, each preceded by the certificates that go with it, as ssh offers
        /// them: the key's own id_*-cert.pub, then the CertificateFile entries that certify it.
        /// </summary>
        public IReadOnlyList<LoadedIdentity> Inspect(HopPlan hop, byte[]? passphrase)
        {
            var identities = new List<LoadedIdentity>();
            foreach (string path in hop.IdentityFiles)
            {
                LoadedIdentity key = Cached(path, () => InspectOne(path, passphrase));
                if (key.Offer != null)
                {
                    foreach (string certificate in new[] { path + "-cert.pub" }.Concat(hop.CertificateFiles).Distinct(StringComparer.Ordinal).Where(File.Exists))
                    {
                        LoadedIdentity? offered = Cached(certificate + "|" + path, () => InspectCertificate(certificate, key));
                        if (offered.Offer != null || offered.Problem != null)
                        {
                            identities.Add(offered);
                        }
                    }
                }

                identities.Add(key);
            }

            return identities;
        }

        private LoadedIdentity Cached(string name, Func<LoadedIdentity> inspect) =>
            cache.TryGetValue(name, out LoadedIdentity? known) ? known : cache[name] = inspect();

        /// <summary>
        /// A certificate for <paramref name="key"/>; one that certifies another key is skipped (no
        /// offer, no problem), as ssh skips it.
        /// </summary>
        private static LoadedIdentity InspectCertificate(string path, LoadedIdentity key)
        {
            var identity = new LoadedIdentity(path) { IsCertificate = true, Policy = key.Policy, RightsProblem = key.RightsProblem };
            SshCertificate? certificate = PublicKeyFile.TryReadCertificate(path, out string? problem, out byte[] blob);
            if (certificate == null)
            {
                identity.Problem = problem;
                identity.ProblemId = ErrorIds.KeyFormatInvalid;
                return identity;
            }

            if (!certificate.CertifiedKey.SameKeyAs(key.Key!.PublicKey))
            {
                return identity;
            }

            var offer = new KeyOffer(path, certificate.CertificateType, key.Offer!.Bits, key.Offer.Fingerprint);
            try
            {
                identity.Source = SshNetKeyAdapter.ToCertificateSource(key.Key, certificate, blob, offer);
                identity.Offer = offer;
            }
            catch (EspriException ex)
            {
                identity.Problem = ex.Message;
                identity.ProblemId = ex.ErrorId;
            }

            return identity;
        }

        private LoadedIdentity InspectOne(string path, byte[]? passphrase)
        {
            var identity = new LoadedIdentity(path);
            if (!File.Exists(path))
            {
                identity.Problem = $"'{path}' does not exist.";
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
                identity.Problem = ex.Message;
                identity.ProblemId = ex.ErrorId;
                return identity;
            }

            identity.Key = key;
            var offer = new KeyOffer(path, key.KeyType, key.Bits, KeyFingerprint.Sha256(key.PublicKeyBlob));
            identity.Policy = site.Evaluate(key.KeyType, key.Bits);
            identity.PublicFileMismatch = CheckPublicFile(path, key, offer.Fingerprint);
            try
            {
                identity.Source = SshNetKeyAdapter.ToKeySource(key, offer);
                identity.Offer = offer;
            }
            catch (EspriException ex)
            {
                identity.Problem = ex.Message;
                identity.ProblemId = ex.ErrorId;
            }

            return identity;
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
                return $"'{pubPath}' is not a valid public key line; write it again (the old file is kept as .bak): {KeyAdvice.WritePublicKey(path)}";
            }

            return pub.SameKeyAs(key.PublicKey)
                ? null
                : $"'{pubPath}' holds another key ({KeyFingerprint.Sha256(pub.Blob)}) than '{path}' ({fingerprint}): a .pub sent from it would never match. Write the right one (the old file is kept as .bak): {KeyAdvice.WritePublicKey(path)}";
        }
    }
}
