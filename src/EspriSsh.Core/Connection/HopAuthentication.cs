using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The keys one hop offers, in ssh's order (sshconnect2.c pubkey_prepare): the configured key files
    /// the agent holds (the agent signs: no passphrase), then the agent's other keys (not with
    /// IdentitiesOnly yes), then the remaining files. A file that is encrypted and not in the agent is
    /// offered by its public half; its passphrase is asked only when the server wants a signature from
    /// it (interactive), else it is not offered and the diagnosis says why.
    /// </summary>
    internal sealed class HopAuthentication
    {
        private const string CertificateSuffix = "-cert.pub";

        private readonly HopPlan hop;
        private readonly IReadOnlyList<LoadedIdentity> inspected;
        private readonly AgentKeys agent;
        private readonly KeyUnlocker? unlocker;
        private readonly SiteProfile site;
        private readonly CancellationToken cancellation;

        /// <param name="unlocker">Asks passphrases; null when nobody can answer (non-interactive).</param>
        public HopAuthentication(HopPlan hop, IReadOnlyList<LoadedIdentity> inspected, AgentKeys agent, KeyUnlocker? unlocker, SiteProfile site,
            CancellationToken cancellation)
        {
            this.hop = hop;
            this.inspected = inspected;
            this.agent = agent;
            this.unlocker = unlocker;
            this.site = site;
            this.cancellation = cancellation;
            List<LoadedIdentity> files = inspected.Select(i => i.CopyForHop()).ToList();
            var fromConfig = new List<LoadedIdentity>();
            var agentOnly = new List<LoadedIdentity>();
            foreach (AgentIdentity held in agent.Identities)
            {
                LoadedIdentity? file = files.FirstOrDefault(f => f.PublicKey != null && f.PublicKey.SameKeyAs(held.PublicKey));
                if (file != null)
                {
                    files.Remove(file);
                    file.Agent = agent.Agent;
                    file.Problem = file.ProblemId = null; // the agent signs: no passphrase needed
                    fromConfig.Add(file);
                }
                else if (!hop.IdentitiesOnly)
                {
                    agentOnly.Add(AgentOnly(held, site));
                }
            }

            Identities = WithCertificates(fromConfig.Concat(agentOnly).Concat(files), hop);
        }

        /// <summary>The same keys as never offered yet, for a second connection (a method's state is spent by a first).</summary>
        public HopAuthentication Renew() => new HopAuthentication(hop, inspected, agent, unlocker, site, cancellation);

        /// <summary>Every identity of the hop in the order offered, including those that could not be.</summary>
        public IReadOnlyList<LoadedIdentity> Identities { get; }

        /// <summary>Questions asked from SSH.NET's thread wait here for the test's thread.</summary>
        public PromptRelay Prompts { get; } = new PromptRelay();

        public AgentKeys Agent => agent;

        public HopPlan Hop => hop;

        /// <summary>
        /// SSH.NET's method for the hop. Keys whose public half is unknown without the passphrase (an
        /// encrypted PEM without .pub) are unlocked here, on the test's thread, just before the handshake:
        /// ssh, too, must decrypt such a key before it can offer it.
        /// </summary>
        public AuthenticationMethod CreateMethod()
        {
            var primary = new List<KeyHostAlgorithm>();
            var fallback = new List<KeyHostAlgorithm>();
            foreach (LoadedIdentity identity in Identities)
            {
                if (identity.Key == null && identity.PublicKey == null && identity.ProblemId == ErrorIds.PassphraseRequired)
                {
                    unlocker?.Unlock(identity);
                }

                if (identity.IsCertificate)
                {
                    AddCertificate(identity, primary, fallback);
                    continue;
                }

                string? keyType = identity.Key?.KeyType ?? identity.PublicKey?.KeyType;
                if (keyType == null || !CanSign(identity, out Func<string, byte[], byte[]?>? signer))
                {
                    continue;
                }

                if (!SshNetKeyAdapter.CanOffer(keyType))
                {
                    (identity.Problem, identity.ProblemId) = (SshNetKeyAdapter.WhyNotOffered(keyType), ErrorIds.KeyTypeUnsupported);
                    continue;
                }

                byte[] blob = identity.Key?.PublicKeyBlob ?? identity.PublicKey!.Blob;
                identity.Offer = new KeyOffer(identity.Path, keyType, PublicKeyBlobInfo.TryParse(blob, out _)?.Bits ?? 0, KeyFingerprint.Sha256(blob))
                {
                    Agent = identity.Agent,
                };
                primary.Add(Algorithm(identity, blob, keyType, SshNetKeyAdapter.PrimaryAlgorithm(keyType), signer));
                string? second = SshNetKeyAdapter.FallbackAlgorithm(keyType);
                if (second != null)
                {
                    fallback.Add(Algorithm(identity, blob, keyType, second, signer));
                }
            }

            // Each key once before any fallback: the server counts every try against MaxAuthTries, as ssh's one try per key.
            List<KeyHostAlgorithm> all = primary.Concat(fallback).ToList();
            return all.Count > 0
                ? new PrivateKeyAuthenticationMethod(hop.User, new KeySource(all))
                : new NoneAuthenticationMethod(hop.User);
        }

        /// <summary>
        /// Whether the identity can be offered, and how it signs: <paramref name="signer"/> (algorithm,
        /// data -> SSH signature blob, or null to skip the key), or null for a decrypted key signing in memory.
        /// </summary>
        private bool CanSign(LoadedIdentity identity, out Func<string, byte[], byte[]?>? signer)
        {
            signer = null;
            if (identity.Agent != null)
            {
                signer = (algorithm, data) => SignWithAgent(identity, algorithm, data);
                return true;
            }

            if (identity.Key != null)
            {
                return true;
            }

            if (identity.ProblemId != ErrorIds.PassphraseRequired || identity.PublicKey == null)
            {
                return false;
            }

            if (unlocker == null)
            {
                identity.Problem = $"{UntrustedText.Quoted(identity.Path)} is protected by a passphrase and is not in the agent{AgentClause()}; this session cannot ask for the passphrase (non-interactive), so the key was not offered.";
                return false;
            }

            // Offered by its public half; the passphrase is asked when the server wants a signature.
            (identity.Problem, identity.ProblemId) = (null, null);
            bool asked = false;
            signer = (algorithm, data) =>
            {
                if (!asked)
                {
                    asked = true;
                    Prompts.Ask(() => unlocker.Unlock(identity), cancellation);
                }

                return identity.Key == null ? null : SshNetKeyAdapter.ForPrivateKey(identity.Key, algorithm, new KeyOffer(identity.Path, "", 0, "")).Sign(data);
            };
            return true;
        }

        /// <summary>
        /// Like ssh, each key file's certificates go just before it: its own id_*-cert.pub, then the
        /// CertificateFile entries that certify it (one that certifies another key is skipped, as ssh
        /// skips it; a damaged id_*-cert.pub is reported).
        /// </summary>
        private static List<LoadedIdentity> WithCertificates(IEnumerable<LoadedIdentity> ordered, HopPlan hop)
        {
            var identities = new List<LoadedIdentity>();
            foreach (LoadedIdentity key in ordered)
            {
                if (key.IsFile && key.PublicKey != null)
                {
                    string own = key.Path + CertificateSuffix;
                    foreach (string path in new[] { own }.Concat(hop.CertificateFiles).Distinct(StringComparer.Ordinal).Where(File.Exists))
                    {
                        SshCertificate? certificate = PublicKeyFile.TryReadCertificate(path, out string? problem, out byte[] blob);
                        if (certificate == null && path == own)
                        {
                            identities.Add(new LoadedIdentity(path) { Problem = problem, ProblemId = ErrorIds.KeyFormatInvalid });
                        }
                        else if (certificate != null && certificate.CertifiedKey.SameKeyAs(key.PublicKey))
                        {
                            identities.Add(new LoadedIdentity(path)
                            {
                                PublicKey = key.PublicKey, CertificateBlob = blob, CertifiedKey = key, Policy = key.Policy, RightsProblem = key.RightsProblem,
                            });
                        }
                    }
                }

                identities.Add(key);
            }

            return identities;
        }

        /// <summary>A certificate, signed as its key signs (in memory, by the agent, or once its passphrase is typed).</summary>
        private void AddCertificate(LoadedIdentity certificate, List<KeyHostAlgorithm> primary, List<KeyHostAlgorithm> fallback)
        {
            LoadedIdentity key = certificate.CertifiedKey!;
            string keyType = key.PublicKey!.KeyType;
            if (!SshNetKeyAdapter.CanOffer(keyType))
            {
                (certificate.Problem, certificate.ProblemId) = ($"the certificate {UntrustedText.Quoted(certificate.Path)}: {SshNetKeyAdapter.WhyNotOffered(keyType)}", ErrorIds.KeyTypeUnsupported);
                return;
            }

            if (!CanSign(key, out Func<string, byte[], byte[]?>? signer))
            {
                (certificate.Problem, certificate.ProblemId) = ($"the certificate {UntrustedText.Quoted(certificate.Path)}: its key {UntrustedText.Quoted(key.Path)} cannot sign: {key.Problem}", key.ProblemId);
                return;
            }

            Func<string, byte[], byte[]?> sign = signer
                ?? ((algorithm, data) => SshNetKeyAdapter.ForPrivateKey(key.Key!, algorithm, new KeyOffer(key.Path, "", 0, "")).Sign(data));
            byte[] keyBlob = key.PublicKey.Blob;
            certificate.Offer = new KeyOffer(certificate.Path, new SshWireReader(certificate.CertificateBlob!).ReadUtf8String(),
                PublicKeyBlobInfo.TryParse(keyBlob, out _)?.Bits ?? 0, KeyFingerprint.Sha256(keyBlob))
            {
                Agent = key.Agent,
            };
            string first = SshNetKeyAdapter.PrimaryAlgorithm(keyType);
            primary.Add(SshNetKeyAdapter.ForCertificate(keyBlob, keyType, certificate.CertificateBlob!, first, data => sign(first, data), certificate.Offer));
            string? second = SshNetKeyAdapter.FallbackAlgorithm(keyType);
            if (second != null)
            {
                fallback.Add(SshNetKeyAdapter.ForCertificate(keyBlob, keyType, certificate.CertificateBlob!, second, data => sign(second, data), certificate.Offer));
            }
        }

        private KeyHostAlgorithm Algorithm(LoadedIdentity identity, byte[] blob, string keyType, string algorithm, Func<string, byte[], byte[]?>? signer) =>
            signer == null
                ? SshNetKeyAdapter.ForPrivateKey(identity.Key!, algorithm, identity.Offer!)
                : SshNetKeyAdapter.ForSigner(blob, keyType, algorithm, data => signer(algorithm, data), identity.Offer!);

        private byte[]? SignWithAgent(LoadedIdentity identity, string algorithm, byte[] data)
        {
            AgentSignFlags flags = algorithm == SshNetKeyAdapter.RsaSha512 ? AgentSignFlags.RsaSha2_512
                : algorithm == SshNetKeyAdapter.RsaSha256 ? AgentSignFlags.RsaSha2_256 : AgentSignFlags.None;
            try
            {
                byte[] signature = agent.Client!.Sign(identity.PublicKey!.Blob, data, flags, cancellation);
                string used = new SshWireReader(signature).ReadUtf8String();
                if (used == algorithm)
                {
                    return signature;
                }

                identity.Offer!.AgentSignedWith = used;
                return null; // the server would refuse a signature of another algorithm than announced
            }
            catch (EspriException ex)
            {
                (identity.Problem, identity.ProblemId) = (ex.Message, ex.ErrorId);
                return null;
            }
        }

        private LoadedIdentity AgentOnly(AgentIdentity held, SiteProfile site)
        {
            var identity = new LoadedIdentity(held.Comment.Length > 0 ? held.Comment : held.Fingerprint)
            {
                IsFile = false,
                PublicKey = held.PublicKey,
                Agent = agent.Agent,
            };
            PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(held.Blob, out _);
            identity.Policy = info == null ? null : site.Evaluate(info.KeyType, info.Bits);
            return identity;
        }

        private string AgentClause() => agent.Answered
            ? $" ({agent.Agent} holds {(agent.Identities.Count == 0 ? "no key: it is empty, or locked" : "other keys")})"
            : " (no agent answers)";

        private sealed class KeySource : IPrivateKeySource
        {
            public KeySource(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

            public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }
        }
    }
}
