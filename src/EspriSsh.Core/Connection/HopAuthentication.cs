using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The keys one hop offers, as ssh offers them (<see cref="KeyOrder"/>): each once, under the one
    /// signature algorithm ssh would pick for that server (<see cref="SignatureAlgorithms"/>), chosen
    /// once the server's version is known. An identity that cannot sign is still offered, as ssh offers
    /// its public key: a server's yes then tells the diagnosis which key would have worked. A
    /// passphrase is asked only when the server wants a signature (interactive); the agent is asked
    /// within the stage's time, and never again for a key it refused.
    /// </summary>
    internal sealed class HopAuthentication
    {
        private readonly HopPlan hop;
        private readonly IReadOnlyList<LoadedIdentity> inspected;
        private readonly AgentKeys agent;
        private readonly KeyUnlocker? unlocker;
        private readonly SiteProfile site;
        private readonly TimeSpan stageTimeout;
        private readonly CancellationToken cancellation;

        /// <param name="unlocker">Asks passphrases; null when nobody can answer (non-interactive).</param>
        /// <param name="stageTimeout">-TimeoutSec: the Authentication stage's time, which the agent's answers share.</param>
        public HopAuthentication(HopPlan hop, IReadOnlyList<LoadedIdentity> inspected, AgentKeys agent, KeyUnlocker? unlocker, SiteProfile site,
            TimeSpan stageTimeout, CancellationToken cancellation)
        {
            this.hop = hop;
            this.inspected = inspected;
            this.agent = agent;
            this.unlocker = unlocker;
            this.site = site;
            this.stageTimeout = stageTimeout;
            this.cancellation = cancellation;
            Identities = KeyOrder.Of(hop, inspected, agent, site);
        }

        /// <summary>The same keys as never offered yet, for a second connection (a method's state is spent by a first).</summary>
        public HopAuthentication Renew() => new HopAuthentication(hop, inspected, agent, unlocker, site, stageTimeout, cancellation) { Deadline = Deadline };

        /// <summary>Every identity of the hop in the order offered, including those that could not be.</summary>
        public IReadOnlyList<LoadedIdentity> Identities { get; }

        /// <summary>Questions asked from SSH.NET's thread wait here for the test's thread.</summary>
        public PromptRelay Prompts { get; } = new PromptRelay();

        public AgentKeys Agent => agent;

        public HopPlan Hop => hop;

        /// <summary>The end of the Authentication stage (Stopwatch ticks): the agent may take until then to answer.</summary>
        public Func<long> Deadline { get; set; } = () => long.MaxValue;

        /// <summary>The stage's time as said in messages ("10 s").</summary>
        public string StageSeconds => $"{stageTimeout.TotalSeconds:0.###} s";

        /// <summary>How to give the agent more time, said when it did not answer in time.</summary>
        public string MoreTime =>
            $"Answer its dialog within the stage's time ({StageSeconds}, -TimeoutSec), or allow more: -TimeoutSec {Math.Max(60, Math.Ceiling(stageTimeout.TotalSeconds * 2)):0}.";

        /// <summary>
        /// SSH.NET's method for the hop. Keys whose public half is unknown without the passphrase (an
        /// encrypted PEM without .pub) are unlocked here, on the test's thread, just before the handshake:
        /// ssh, too, must decrypt such a key before it can offer it. The algorithms are chosen when SSH.NET
        /// starts authenticating, after the server's version arrived (<paramref name="serverVersion"/>).
        /// </summary>
        public AuthenticationMethod CreateMethod(Func<string> serverVersion)
        {
            foreach (LoadedIdentity identity in Identities)
            {
                if (identity.Key == null && identity.PublicKey == null && identity.ProblemId == ErrorIds.PassphraseRequired)
                {
                    unlocker?.Unlock(identity);
                }
            }

            return Identities.Any(i => i.PublicKey != null || i.Key != null)
                ? new PrivateKeyAuthenticationMethod(hop.User, new KeySource(() => Algorithms(serverVersion())))
                : new NoneAuthenticationMethod(hop.User);
        }

        /// <summary>One algorithm per identity that can be offered, in order.</summary>
        private List<HostAlgorithm> Algorithms(string serverVersion)
        {
            var algorithms = new List<HostAlgorithm>();
            foreach (LoadedIdentity identity in Identities)
            {
                KeyHostAlgorithm? algorithm = Offer(identity, serverVersion);
                if (algorithm != null)
                {
                    algorithms.Add(algorithm);
                }
            }

            // SSH.NET signs a lone key before the server said yes: ssh queries first, and so must the agent's dialog wait for a yes.
            if (algorithms.Count == 1)
            {
                ((RecordingKeyHostAlgorithm)algorithms[0]).QueryFirst = true;
            }

            return algorithms;
        }

        private KeyHostAlgorithm? Offer(LoadedIdentity identity, string serverVersion)
        {
            SshPublicKey? key = identity.PublicKey ?? identity.Key?.PublicKey;
            if (key == null)
            {
                return null; // unreadable, missing, or a passphrase nobody typed: nothing to offer
            }

            if (!SshNetKeyAdapter.CanOffer(key.KeyType))
            {
                (identity.Problem, identity.ProblemId) = (Named(identity, SshNetKeyAdapter.WhyNotOffered(key.KeyType)), ErrorIds.KeyTypeUnsupported);
                return null;
            }

            string? algorithm = SignatureAlgorithms.For(key.KeyType, serverVersion, identity.IsCertificate, out string? why);
            if (algorithm == null)
            {
                (identity.Problem, identity.ProblemId) = (Named(identity, why!), ErrorIds.KeyTypeUnsupported);
                return null;
            }

            EspriException? refusedBefore = identity.Agent == null ? null : agent.RefusedBefore(identity.AgentBlob!);
            if (refusedBefore != null)
            {
                (identity.Problem, identity.ProblemId) = ("Not asked again in this test: " + refusedBefore.Message, refusedBefore.ErrorId);
                return null;
            }

            identity.Offer = new KeyOffer(identity.Path, identity.IsCertificate ? new SshWireReader(identity.CertificateBlob!).ReadUtf8String() : key.KeyType,
                PublicKeyBlobInfo.TryParse(key.Blob, out _)?.Bits ?? 0, KeyFingerprint.Sha256(key.Blob))
            {
                Agent = identity.Agent ?? identity.CertifiedKey?.Agent,
                Algorithm = algorithm,
            };
            if (identity.Key != null && !identity.IsCertificate && identity.Agent == null)
            {
                return SshNetKeyAdapter.ForPrivateKey(identity.Key, algorithm, identity.Offer);
            }

            Func<byte[], byte[]?> sign = data => Sign(identity, algorithm, data);
            return identity.IsCertificate
                ? SshNetKeyAdapter.ForCertificate(key.Blob, key.KeyType, identity.CertificateBlob!, algorithm, sign, identity.Offer)
                : SshNetKeyAdapter.ForSigner(key.Blob, key.KeyType, algorithm, sign, identity.Offer);
        }

        /// <summary>The signature the server asked for, once it accepted the identity; null (with the reason recorded) to go on to the next key.</summary>
        private byte[]? Sign(LoadedIdentity identity, string algorithm, byte[] data)
        {
            LoadedIdentity signer = identity.IsCertificate && identity.Agent == null ? identity.CertifiedKey ?? identity : identity;
            if (signer.Agent != null)
            {
                return SignWithAgent(identity, signer.AgentBlob!, algorithm, data);
            }

            if (signer.Key == null && signer.ProblemId == ErrorIds.PassphraseRequired && signer.PublicKey != null && unlocker != null)
            {
                Prompts.Ask(() => unlocker.Unlock(signer), cancellation);
            }

            if (signer.Key == null)
            {
                (identity.Problem, identity.ProblemId) = (WhyNoSignature(identity, signer), signer.ProblemId ?? ErrorIds.KeyFileNotFound);
                return null;
            }

            return SshNetKeyAdapter.ForPrivateKey(signer.Key, algorithm, identity.Offer!).Sign(data);
        }

        private byte[]? SignWithAgent(LoadedIdentity identity, byte[] blob, string algorithm, byte[] data)
        {
            TimeSpan left = TimeSpan.FromSeconds((Deadline() - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            byte[]? signature = agent.Sign(blob, algorithm, data, left, MoreTime, cancellation, out EspriException? problem);
            if (signature == null)
            {
                (identity.Problem, identity.ProblemId) = (problem!.Message, problem.ErrorId);
                return null;
            }

            string used = new SshWireReader(signature).ReadUtf8String();
            if (used == algorithm)
            {
                return signature;
            }

            identity.Offer!.AgentSignedWith = used;
            return null; // the server would refuse a signature of another algorithm than announced
        }

        private string WhyNoSignature(LoadedIdentity identity, LoadedIdentity signer)
        {
            if (identity.IsCertificate && identity.CertifiedKey == null)
            {
                return $"the certificate {UntrustedText.Quoted(identity.Path)}: none of the keys offered (files or agent) is the key it certifies.";
            }

            string problem = signer.Problem ?? $"'{signer.Path}' cannot sign.";
            return signer.ProblemId == ErrorIds.PassphraseRequired && unlocker == null
                ? $"'{signer.Path}' is protected by a passphrase and is not in the agent{AgentClause()}; this session cannot ask for the passphrase (non-interactive)."
                : identity == signer ? problem : $"the certificate {UntrustedText.Quoted(identity.Path)}: its key '{signer.Path}' cannot sign: {problem}";
        }

        private static string Named(LoadedIdentity identity, string why) => identity.IsCertificate ? $"the certificate {UntrustedText.Quoted(identity.Path)}: {why}" : why;

        private string AgentClause() => agent.Answered
            ? $" ({agent.Agent} holds {(agent.Identities.Count == 0 ? "no key: it is empty, or locked" : "other keys")})"
            : " (no agent answers)";

        /// <summary>The algorithms are made when SSH.NET asks for them: at authentication, after the server's version exchange.</summary>
        private sealed class KeySource : IPrivateKeySource
        {
            private readonly Func<IReadOnlyCollection<HostAlgorithm>> make;
            private IReadOnlyCollection<HostAlgorithm>? made;

            public KeySource(Func<IReadOnlyCollection<HostAlgorithm>> make) => this.make = make;

            public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms => made ??= make();
        }
    }
}
