using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using Renci.SshNet;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Test-EspriConnection's engine: walks Config, Dns, Tcp, Banner, HostKey, Authentication and
    /// Session over the real SSH protocol and stops at the first failure (later stages Skipped).
    /// Through a jump host, the jump host's stages come first, then the target's over a forwarded
    /// channel of the first connection (a 127.0.0.1:0 listener that lives only for the test).
    /// A failed test is a result; only Ctrl+C (OperationCanceledException) escapes.
    /// </summary>
    public sealed class ConnectionTester
    {
        private readonly PrivateKeyLoader loadKey;
        private readonly SiteProfile site;

        /// <summary>Keys read and decrypted by the key engine (every format PrivateKeyFileReader knows).</summary>
        public ConnectionTester(SiteProfile site)
            : this((path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase).Key, site)
        {
        }

        /// <param name="loadKey">Reads and decrypts a private key file (tests may substitute it).</param>
        /// <param name="site">Key policy and published host key fingerprints.</param>
        public ConnectionTester(PrivateKeyLoader loadKey, SiteProfile site)
        {
            this.loadKey = loadKey;
            this.site = site;
        }

        public ConnectionTestResult Run(ConnectionPlan plan, CancellationToken cancellation = default)
        {
            var clock = Stopwatch.StartNew();
            HopPlan target = plan.Target;
            HopPlan? jump = plan.Jump;
            var stages = new List<ConnectionStage>();
            ConnectionStage Add(string name, HopPlan hop)
            {
                var stage = new ConnectionStage(name, hop.Alias);
                stages.Add(stage);
                return stage;
            }

            ConnectionStage config = Add(StageNames.Config, target);
            HopStages? jumpStages = jump == null ? null : HopStages.Create(jump, direct: true, session: false, Add);
            HopStages targetStages = HopStages.Create(target, direct: jump == null, session: true, Add);

            var connections = new List<HopConnection>();
            ForwardedPortLocal? forward = null;
            try
            {
                var inspector = new IdentityInspector(loadKey, site);
                if (Configure(config, plan, inspector, out KnownHosts? knownHosts))
                {
                    var verifier = new HostKeyVerifier(knownHosts!, site);
                    HopConnection Open(HopPlan hop)
                    {
                        var connection = new HopConnection(hop, plan, verifier, inspector.Inspect(hop, plan.Passphrase), cancellation);
                        connections.Add(connection);
                        return connection;
                    }

                    if (jump == null)
                    {
                        HopConnection direct = Open(target);
                        _ = ConnectDirect(direct, targetStages) && direct.RunSession(targetStages.Session!);
                    }
                    else
                    {
                        HopConnection first = Open(jump);
                        if (ConnectDirect(first, jumpStages!))
                        {
                            forward = new ForwardedPortLocal("127.0.0.1", 0, target.HostName, (uint)target.Port);
                            Exception? channelError = null;
                            forward.Exception += (_, e) => channelError ??= e.Exception;
                            first.Client!.AddForwardedPort(forward);
                            forward.Start();
                            HopConnection second = Open(target);
                            _ = second.Connect(IPAddress.Loopback.ToString(), (int)forward.BoundPort, targetStages.Tcp, () => channelError,
                                    targetStages.Banner, targetStages.HostKey, targetStages.Authentication)
                                && second.RunSession(targetStages.Session!);
                        }
                    }
                }
            }
            finally
            {
                forward?.Dispose();
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
        private static bool Configure(ConnectionStage stage, ConnectionPlan plan, IdentityInspector inspector, out KnownHosts? knownHosts)
        {
            var clock = Stopwatch.StartNew();
            knownHosts = null;
            var hops = plan.Jump == null ? new[] { plan.Target } : new[] { plan.Jump, plan.Target };
            var parts = new List<string>();
            foreach (HopPlan hop in hops)
            {
                IReadOnlyList<LoadedIdentity> identities = inspector.Inspect(hop, plan.Passphrase);
                string keys = identities.Count == 0 ? "no key" : string.Join(", ", identities.Select(i => i.Offer == null ? i.Path + " (unusable)" : $"{i.Path} ({i.Offer.KeyType} {i.Offer.Fingerprint})"));
                string name = hop.Alias == hop.HostName ? "" : hop.Alias + " = ";
                parts.Add($"{(hop == plan.Jump ? "jump host " : "")}{name}{hop} with {keys}");
                if (hop.IdentityFiles.Count == 0)
                {
                    stage.Duration = clock.Elapsed;
                    stage.Status = StageStatus.Failed;
                    stage.Reason = ErrorIds.NoKeyFound;
                    stage.Detail = string.Join("; ", parts);
                    stage.Hint = $"No private key found for {hop.Alias} in {plan.SshDirectory}. Make one with New-EspriKey, send its .pub via the account form, or name yours with -IdentityFile.";
                    return false;
                }
            }

            try
            {
                knownHosts = KnownHosts.Load(plan.UserKnownHostsFiles, plan.GlobalKnownHostsFiles);
            }
            catch (EspriException ex)
            {
                // A FIFO, a device or a huge file as known_hosts (NotARegularFile, FileTooLarge), or no right to read it.
                stage.Duration = clock.Elapsed;
                stage.Status = StageStatus.Failed;
                stage.Reason = ex.ErrorId;
                stage.Detail = ex.Message;
                stage.Hint = "Correct or remove that known_hosts file (UserKnownHostsFile / GlobalKnownHostsFile in your ssh config), or name another one with -KnownHostsPath.";
                return false;
            }

            if (plan.ConfigSource != null)
            {
                parts.Add("ssh config " + plan.ConfigSource);
            }

            string alsoRead = string.Join(", ", knownHosts.Files.Skip(1).Where(f => f.Entries.Count > 0).Select(f => f.Path));
            parts.Add($"known_hosts {plan.KnownHostsPath}{(alsoRead.Length == 0 ? "" : " (also trusted: " + alsoRead + ")")}; timeout {plan.Timeout.TotalSeconds:0.###} s per stage");
            stage.Duration = clock.Elapsed;
            stage.Status = StageStatus.Passed;
            stage.Detail = string.Join("; ", parts);
            return true;
        }

        private static ConnectionTestResult Summarize(ConnectionPlan plan, List<ConnectionStage> stages, TimeSpan duration)
        {
            ConnectionStage? failed = stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
            foreach (ConnectionStage skipped in stages.Where(s => s.Status == StageStatus.Skipped))
            {
                skipped.Detail = "Not run: an earlier stage failed.";
            }

            return new ConnectionTestResult(plan.Target.Alias, plan.Target.User, stages)
            {
                Via = plan.Jump?.Alias,
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
