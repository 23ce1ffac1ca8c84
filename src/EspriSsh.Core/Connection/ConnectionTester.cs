using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using Renci.SshNet;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Test-EspriConnection's engine: walks Config, Dns, Tcp, Banner, HostKey, Authentication and
    /// Session over the real SSH protocol and stops at the first failure (later stages Skipped).
    /// Through jump hosts (ProxyJump a,b), each jump host's stages come first, then the next host's
    /// over a forwarded channel of the previous connection (a 127.0.0.1:0 listener that lives only for
    /// the test). Every hop offers the agent's keys as ssh does. A failed test is a result; only Ctrl+C
    /// (OperationCanceledException) escapes.
    /// </summary>
    public sealed class ConnectionTester
    {
        private readonly PrivateKeyLoader loadKey;
        private readonly SiteProfile site;
        private readonly SshAgent? agent;
        private readonly IUserInteraction? interaction;

        /// <summary>
        /// Keys read and decrypted by the key engine; the agent ssh uses (<paramref name="agent"/>, else the
        /// user's); passphrases asked through <paramref name="interaction"/> when it can prompt.
        /// </summary>
        public ConnectionTester(SiteProfile site, IUserInteraction? interaction = null, SshAgent? agent = null)
            : this((path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase, interaction?.Cancellation ?? default).Key, site, agent ?? new SshAgent(), interaction)
        {
        }

        /// <param name="loadKey">Reads and decrypts a private key file (tests may substitute it).</param>
        /// <param name="site">Key policy and published host key fingerprints.</param>
        /// <param name="agent">The agent whose keys are offered; null: none.</param>
        /// <param name="interaction">Asks passphrases (from the calling thread); null or unable to prompt: encrypted keys not in the agent are not offered.</param>
        public ConnectionTester(PrivateKeyLoader loadKey, SiteProfile site, SshAgent? agent = null, IUserInteraction? interaction = null)
        {
            this.loadKey = loadKey;
            this.site = site;
            this.agent = agent;
            this.interaction = interaction;
        }

        public ConnectionTestResult Run(ConnectionPlan plan, CancellationToken cancellation = default)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<HopPlan> hops = plan.Hops;
            var stages = new List<ConnectionStage>();
            ConnectionStage Add(string name, HopPlan hop)
            {
                var stage = new ConnectionStage(name, hop.Alias);
                stages.Add(stage);
                return stage;
            }

            ConnectionStage config = Add(StageNames.Config, plan.Target);
            List<HopStages> hopStages = hops.Select((hop, i) => HopStages.Create(hop, direct: i == 0, session: i == hops.Count - 1, Add)).ToList();

            var connections = new List<HopConnection>();
            var forwards = new List<ForwardedPortLocal>();
            var progress = new StageProgress(interaction, stages, plan.Target.Alias, plan.Timeout);
            try
            {
                var inspector = new IdentityInspector(loadKey, site);
                progress.Starting(config);
                if (Configure(config, plan, inspector, cancellation, out Dictionary<KnownHostsSettings, KnownHosts>? knownHosts, out AgentKeys agentKeys))
                {
                    bool canAsk = interaction != null && interaction.CanPrompt;
                    KeyUnlocker? unlocker = canAsk ? new KeyUnlocker(interaction!, loadKey) : null;
                    HostKeyQuestion? hostKeyQuestion = canAsk ? new HostKeyQuestion(interaction!) : null;
                    HopConnection Open(HopPlan hop)
                    {
                        var authentication = new HopAuthentication(hop, inspector.Inspect(hop.IdentityFiles, plan.Passphrase), agentKeys, unlocker, site, plan.Timeout, cancellation);
                        KnownHostsSettings files = plan.KnownHostsFor(hop);
                        var verifier = new HostKeyVerifier(knownHosts![files], site, files.Alias);
                        var connection = new HopConnection(hop, plan, verifier, authentication, progress, hostKeyQuestion, cancellation);
                        connections.Add(connection);
                        return connection;
                    }

                    HopConnection previous = Open(hops[0]);
                    bool reached = ConnectDirect(previous, hopStages[0]);
                    for (int i = 1; reached && i < hops.Count; i++)
                    {
                        HopPlan hop = hops[i];
                        var forward = new ForwardedPortLocal("127.0.0.1", 0, hop.HostName, (uint)hop.Port);
                        forwards.Add(forward);
                        Exception? channelError = null;
                        forward.Exception += (_, e) => channelError ??= e.Exception;
                        previous.Client!.AddForwardedPort(forward);
                        forward.Start();
                        HopConnection next = Open(hop);
                        HopStages s = hopStages[i];
                        reached = next.Connect(IPAddress.Loopback.ToString(), (int)forward.BoundPort, s.Tcp, () => channelError, s.Banner, s.HostKey, s.Authentication);
                        previous = next;
                    }

                    _ = reached && previous.RunSession(hopStages[hops.Count - 1].Session!);
                }
            }
            finally
            {
                progress.Done();
                for (int i = forwards.Count - 1; i >= 0; i--)
                {
                    forwards[i].Dispose();
                }

                for (int i = connections.Count - 1; i >= 0; i--)
                {
                    connections[i].Dispose();
                }
            }

            return Summarize(plan, stages, clock.Elapsed);
        }

        private static bool ConnectDirect(HopConnection connection, HopStages stages) =>
            connection.Resolve(stages.Dns!, out IPAddress[] addresses)
            && connection.OpenTcp(stages.Tcp, addresses, out IPAddress reached)
            && connection.Connect(reached.ToString(), stages.Port, null, () => null, stages.Banner, stages.HostKey, stages.Authentication);

        /// <summary>The Config stage: what will be used, and whether anything usable is there at all.</summary>
        private bool Configure(ConnectionStage stage, ConnectionPlan plan, IdentityInspector inspector, CancellationToken cancellation,
            out Dictionary<KnownHostsSettings, KnownHosts>? knownHosts, out AgentKeys agentKeys)
        {
            var clock = Stopwatch.StartNew();
            knownHosts = null;
            agentKeys = agent == null ? AgentKeys.NotUsed : AgentKeys.Ask(agent, cancellation);
            var parts = new List<string>();
            foreach (HopPlan hop in plan.Hops)
            {
                IReadOnlyList<LoadedIdentity> identities = inspector.Inspect(hop.IdentityFiles, plan.Passphrase);
                string keys = identities.Count == 0 ? "no key file" : string.Join(", ", identities.Select(Describe));
                string name = hop.Alias == hop.HostName ? "" : hop.Alias + " = ";
                parts.Add($"{(hop == plan.Target ? "" : "jump host ")}{name}{hop} with {keys}{(hop.IdentitiesOnly ? " only (IdentitiesOnly)" : "")}");
                if (hop.IdentityFiles.Count == 0 && (hop.IdentitiesOnly || agentKeys.Identities.Count == 0))
                {
                    return stage.Fail(clock, ErrorIds.NoKeyFound, string.Join("; ", parts),
                        $"No private key found for {hop.Alias} in {plan.SshDirectory}, nor in an agent ({agentKeys.WhyNoKeys()}). "
                        + "Make one with New-EspriKey, send its .pub via the account form, or test yours with Test-EspriConnection -IdentityFile.");
                }
            }

            parts.Add(agentKeys.Describe());
            string? agentWarning = agentKeys.Warning();

            try
            {
                // Each host's own files (a jump host may have others), each set read once.
                knownHosts = new Dictionary<KnownHostsSettings, KnownHosts>();
                foreach (KnownHostsSettings files in plan.Hops.Select(plan.KnownHostsFor))
                {
                    if (!knownHosts.ContainsKey(files))
                    {
                        knownHosts[files] = KnownHosts.Load(files);
                    }
                }
            }
            catch (EspriException ex)
            {
                // A FIFO, a device or a huge file as known_hosts (NotARegularFile, FileTooLarge), or no right to read it.
                return stage.Fail(clock, ex.ErrorId, ex.Message,
                    "Correct or remove that known_hosts file (UserKnownHostsFile / GlobalKnownHostsFile in your ssh config), or test with another one: Test-EspriConnection -KnownHostsPath.");
            }

            if (plan.ConfigSource != null)
            {
                parts.Add("ssh config " + plan.ConfigSource);
            }

            // The installed ssh judges the config (asked while the keys and known_hosts were read): no host is contacted with a config it refuses.
            foreach (HopPlan hop in plan.Hops.Where(h => h.ConfigVerdict != null))
            {
                SshConfigVerdict verdict = hop.ConfigVerdict!.GetAwaiter().GetResult();
                if (!verdict.Accepted)
                {
                    return stage.Fail(clock, ErrorIds.ConfigInvalid, string.Join("; ", parts),
                        verdict.ToException($"The ssh config cannot be used for {hop.Alias}", "ssh cannot connect anywhere with it").Message);
                }
            }

            KnownHosts target = knownHosts[plan.KnownHostsFor(plan.Target)];
            string alsoRead = string.Join(", ", target.Files.Skip(1).Where(f => f.Entries.Count > 0).Select(f => f.Path));
            parts.Add($"known_hosts {target.WritablePath ?? "none (UserKnownHostsFile none)"}{(alsoRead.Length == 0 ? "" : " (also trusted: " + alsoRead + ")")}; timeout {plan.Timeout.TotalSeconds:0.###} s per stage");
            stage.Duration = clock.Elapsed;
            stage.Status = agentWarning == null ? StageStatus.Passed : StageStatus.Warning;
            stage.Detail = string.Join("; ", parts);
            stage.Hint = agentWarning;
            return true;
        }

        private static string Describe(LoadedIdentity identity) => identity.PublicKey != null
            ? $"{identity.Path} ({identity.PublicKey.KeyType} {Keys.KeyFingerprint.Sha256(identity.PublicKey.Blob)}{(identity.Key == null && identity.ProblemId == ErrorIds.PassphraseRequired ? ", passphrase" : "")})"
            : identity.Path + " (unusable)";

        private static ConnectionTestResult Summarize(ConnectionPlan plan, List<ConnectionStage> stages, TimeSpan duration)
        {
            ConnectionStage? failed = stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
            foreach (ConnectionStage skipped in stages.Where(s => s.Status == StageStatus.Skipped))
            {
                skipped.Detail = "Not run: an earlier stage failed.";
            }

            return new ConnectionTestResult(plan.Target.Alias, plan.Target.User, stages)
            {
                Via = plan.Jumps.Count == 0 ? null : string.Join(",", plan.Jumps.Select(j => j.Alias)),
                Succeeded = failed == null,
                FailedStage = failed?.Name,
                FailedHost = failed?.Host,
                Reason = failed?.Reason,
                Hint = failed?.Hint ?? stages.FirstOrDefault(s => s.Status == StageStatus.Warning)?.Hint,
                Duration = duration,
            };
        }

        /// <summary>The stages of one hop, created up front so that the ones never reached read Skipped.</summary>
        private sealed class HopStages
        {
            public int Port { get; private set; }

            public ConnectionStage? Dns { get; private set; }

            public ConnectionStage Tcp { get; private set; } = null!;

            public ConnectionStage Banner { get; private set; } = null!;

            public ConnectionStage HostKey { get; private set; } = null!;

            public ConnectionStage Authentication { get; private set; } = null!;

            public ConnectionStage? Session { get; private set; }

            public static HopStages Create(HopPlan hop, bool direct, bool session, Func<string, HopPlan, ConnectionStage> add) => new HopStages
            {
                Port = hop.Port,
                Dns = direct ? add(StageNames.Dns, hop) : null,
                Tcp = add(StageNames.Tcp, hop),
                Banner = add(StageNames.Banner, hop),
                HostKey = add(StageNames.HostKey, hop),
                Authentication = add(StageNames.Authentication, hop),
                Session = session ? add(StageNames.Session, hop) : null,
            };
        }
    }
}
