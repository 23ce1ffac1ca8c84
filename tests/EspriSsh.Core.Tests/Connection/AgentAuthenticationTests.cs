using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Agent;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// Authentication as ssh does it, against a real sshd and a real ssh-agent: which keys go out in
    /// which order, who signs, and when (and on which thread) a passphrase is asked.
    /// </summary>
    public sealed class AgentAuthenticationTests
    {
        private const string Pass = "espri pass";

        private static readonly PrivateKeyLoader Loader = (path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase).Key;

        private static string NewKey(TempDirectory dir, string name, string passphrase = "", string type = "ed25519", params string[] extra)
        {
            string path = dir.File(name);
            var args = new List<string> { "-q", "-t", type, "-N", passphrase, "-a", "2", "-C", name, "-f", path };
            args.AddRange(extra);
            ExternalTool.Check("ssh-keygen", args.ToArray());
            return path;
        }

        /// <summary>An encrypted copy of <paramref name="plain"/> (same key, same .pub).</summary>
        private static string EncryptedCopy(TempDirectory dir, string plain, string name)
        {
            string copy = dir.File(name);
            File.Copy(plain, copy);
            File.Copy(plain + ".pub", copy + ".pub");
            ExternalTool.Check("chmod", "600", copy);
            ExternalTool.Check("ssh-keygen", "-q", "-p", "-a", "2", "-N", Pass, "-P", "", "-f", copy);
            return copy;
        }

        private static string Pub(string key) => File.ReadAllText(key + ".pub").Trim();

        private static string Fingerprint(string key) => ExternalTool.Check("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").Split(' ')[1];

        private static ConnectionPlan Plan(TestSshd sshd, TempDirectory dir, bool identitiesOnly, params string[] keys)
        {
            File.WriteAllText(dir.File("known_hosts"), sshd.KnownHostsLine + "\n");
            return new ConnectionPlan(new HopPlan("box", "127.0.0.1", sshd.Port, TestSshd.User, keys, identitiesOnly), dir.File("known_hosts"), dir.Path)
            {
                Timeout = TimeSpan.FromSeconds(20),
            };
        }

        private static ConnectionTester Tester(RealAgent agent, IUserInteraction interaction = null) =>
            new ConnectionTester(Loader, SiteProfileLoader.Default,
                agent == null ? null : new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = agent.Socket }), interaction);

        private static ConnectionStage Stage(ConnectionTestResult result, string name) => result.Stages.Single(s => s.Name == name);

        private static ScriptedInteraction NonInteractive() => new ScriptedInteraction { CanPrompt = false };

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AnEncryptedKeyWhosePlainCopyIsInTheAgentConnectsWithoutPassphrase()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string plain = NewKey(dir, "plain");
            string encrypted = EncryptedCopy(dir, plain, "id_ed25519");
            agent.Run("ssh-add", plain);
            using var sshd = new TestSshd(new[] { Pub(plain) });

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(Plan(sshd, dir, true, encrypted));

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Contains($"'{encrypted}', signed by the agent", Stage(result, StageNames.Authentication).Detail);
            Assert.Contains($"agent: the OpenSSH ssh-agent at '{agent.Socket}' (1 key)", Stage(result, StageNames.Config).Detail);
            Assert.Contains(Fingerprint(plain), Stage(result, StageNames.Authentication).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void AnRsaKeyOnlyInTheAgentSignsWithSha2()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string rsa = NewKey(dir, "rsa4096", type: "rsa", extra: new[] { "-b", "4096" });
            agent.Run("ssh-add", rsa);
            File.Delete(rsa);
            using var sshd = new TestSshd(new[] { Pub(rsa) }, "PubkeyAcceptedAlgorithms rsa-sha2-512,rsa-sha2-256");
            ConnectionPlan plan = Plan(sshd, dir, false);
            var ssh = agent.Run("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + plan.KnownHostsPath, "-p", sshd.Port.ToString(), TestSshd.User + "@127.0.0.1", "true");
            Assert.True(ssh.ExitCode == 0, "ssh itself must log in with the agent's key: " + ssh.Error);

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(plan);

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Contains($"ssh-rsa key {Fingerprint(rsa)} ('rsa4096' in the agent)", Stage(result, StageNames.Authentication).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void IdentitiesOnlyOffersOnlyTheConfiguredKeys()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string inAgent = NewKey(dir, "in_agent");
            string configured = NewKey(dir, "configured");
            agent.Run("ssh-add", inAgent);
            using var sshd = new TestSshd(new[] { Pub(inAgent) });

            ConnectionTestResult only = Tester(agent, NonInteractive()).Run(Plan(sshd, dir, true, configured));
            ConnectionTestResult all = Tester(agent, NonInteractive()).Run(Plan(sshd, dir, false, configured));

            Assert.Equal(StageNames.Authentication, only.FailedStage);
            Assert.DoesNotContain(Fingerprint(inAgent), Stage(only, StageNames.Authentication).Detail);
            Assert.True(all.Succeeded, string.Join("\n", all.Stages));
            Assert.Contains(Fingerprint(inAgent), Stage(all, StageNames.Authentication).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AgentKeysGoFirstThenFiles()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string inAgent = NewKey(dir, "in_agent");
            string file = NewKey(dir, "file");
            agent.Run("ssh-add", inAgent);
            using var sshd = new TestSshd(new[] { Pub(inAgent), Pub(file) });

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(Plan(sshd, dir, false, file));

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Contains(Fingerprint(inAgent), Stage(result, StageNames.Authentication).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void ThePassphraseIsAskedOnceWhenTheServerWantsTheKeyOnTheCallersThread()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            agent.Run("ssh-add", NewKey(dir, "unregistered"));
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            using var sshd = new TestSshd(new[] { Pub(encrypted) });
            var interaction = new ThreadRecordingInteraction(new ScriptedInteraction().AnswerSecrets(Pass));

            ConnectionTestResult result = Tester(agent, interaction).Run(Plan(sshd, dir, false, encrypted));

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Equal(new[] { $"Passphrase of '{encrypted}' (empty to skip this key)" }, interaction.Inner.Asked);
            Assert.Equal(new[] { Thread.CurrentThread.ManagedThreadId }, interaction.Threads.Distinct());
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void NoPassphraseIsAskedForAKeyTheServerRefuses()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string registered = NewKey(dir, "registered");
            agent.Run("ssh-add", NewKey(dir, "unregistered"));
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            using var sshd = new TestSshd(new[] { Pub(registered) });
            var interaction = new ScriptedInteraction();

            ConnectionTestResult result = Tester(agent, interaction).Run(Plan(sshd, dir, false, encrypted));

            Assert.Equal(ErrorIds.AuthenticationFailed, result.Reason);
            Assert.Empty(interaction.Asked);
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void NoPassphraseIsAskedBeforeTheServerIsReached()
        {
            using var dir = new TempDirectory();
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            var interaction = new ScriptedInteraction();
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var plan = new ConnectionPlan(new HopPlan("box", "127.0.0.1", port, "someone", new[] { encrypted }, true), dir.File("known_hosts"), dir.Path);

            ConnectionTestResult result = Tester(null, interaction).Run(plan);

            Assert.Equal(StageNames.Tcp, result.FailedStage);
            Assert.Empty(interaction.Asked);
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void AnEmptyAnswerSkipsTheKey()
        {
            using var dir = new TempDirectory();
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            using var sshd = new TestSshd(new[] { Pub(encrypted) });
            var interaction = new ScriptedInteraction().AnswerSecrets("");

            ConnectionTestResult result = Tester(null, interaction).Run(Plan(sshd, dir, true, encrypted));

            Assert.Equal(ErrorIds.PassphraseRequired, result.Reason);
            Assert.Single(interaction.Asked);
            Assert.Contains("Accepted by the server but not used", Stage(result, StageNames.Authentication).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void ThreeWrongPassphrasesEndTheTries()
        {
            using var dir = new TempDirectory();
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            using var sshd = new TestSshd(new[] { Pub(encrypted) });
            var interaction = new ScriptedInteraction().AnswerSecrets("one", "two", "three");

            ConnectionTestResult result = Tester(null, interaction).Run(Plan(sshd, dir, true, encrypted));

            Assert.Equal(ErrorIds.KeyWrongPassphrase, result.Reason);
            Assert.Equal(3, interaction.Asked.Count);
            Assert.Equal(2, interaction.Warnings.Count);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool)]
        public void NonInteractiveAnEncryptedKeyNotInTheAgentIsNotOfferedAndSaysWhy()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            using var sshd = new TestSshd(new[] { Pub(encrypted) });

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(Plan(sshd, dir, true, encrypted));

            Assert.Equal(ErrorIds.PassphraseRequired, result.Reason);
            Assert.Contains("not in the agent", Stage(result, StageNames.Authentication).Detail);
            Assert.Contains("-AddToAgent", result.Hint);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void ALockedAgentIsNamed()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string plain = NewKey(dir, "plain");
            string encrypted = EncryptedCopy(dir, plain, "id_ed25519");
            agent.Run("ssh-add", plain);
            agent.Lock("lock-pw");
            using var sshd = new TestSshd(new[] { Pub(plain) });

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(Plan(sshd, dir, true, encrypted));

            Assert.Equal(ErrorIds.PassphraseRequired, result.Reason);
            Assert.Contains("ssh-add -X", result.Hint);
            Assert.Contains("no key", Stage(result, StageNames.Config).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void TooManyAgentKeysForMaxAuthTriesIsNamedWithTheFix()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string[] agentKeys = Enumerable.Range(1, 7).Select(i => NewKey(dir, "agent_" + i)).ToArray();
            foreach (string key in agentKeys)
            {
                agent.Run("ssh-add", key);
            }

            string registered = NewKey(dir, "id_ed25519");
            using var sshd = new TestSshd(new[] { Pub(registered) }, "MaxAuthTries 3");
            ConnectionPlan plan = Plan(sshd, dir, false, registered);
            var ssh = agent.Run("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + plan.KnownHostsPath, "-i", registered,
                "-p", sshd.Port.ToString(), TestSshd.User + "@127.0.0.1", "true");
            Assert.Contains("Too many authentication failures", ssh.Error); // ssh itself fails the same way

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(plan);

            Assert.Equal(ErrorIds.TooManyAuthenticationFailures, result.Reason);
            string detail = Stage(result, StageNames.Authentication).Detail;
            Assert.All(agentKeys.Take(3), key => Assert.Contains(Fingerprint(key), detail));
            Assert.Contains(Fingerprint(registered), detail); // named among the keys never tried
            Assert.Contains("IdentitiesOnly yes", result.Hint);
            Assert.Contains($"Set-EspriSshConfig -User {TestSshd.User} -IdentityFile '{registered}'", result.Hint);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AProxyJumpChainUsesTheAgentKeyOnEveryHop()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string key = NewKey(dir, "in_agent");
            agent.Run("ssh-add", key);
            using var first = new TestSshd(new[] { Pub(key) });
            using var second = new TestSshd(new[] { Pub(key) });
            using var target = new TestSshd(new[] { Pub(key) });
            File.WriteAllLines(dir.File("known_hosts"), new[] { first.KnownHostsLine, second.KnownHostsLine, target.KnownHostsLine });
            HopPlan Hop(string alias, TestSshd sshd) => new HopPlan(alias, "127.0.0.1", sshd.Port, TestSshd.User, Array.Empty<string>());
            var plan = new ConnectionPlan(Hop("target", target), dir.File("known_hosts"), dir.Path)
            {
                Jumps = new[] { Hop("first", first), Hop("second", second) },
                Timeout = TimeSpan.FromSeconds(20),
            };

            ConnectionTestResult result = Tester(agent, NonInteractive()).Run(plan);

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Equal("first,second", result.Via);
            Assert.Equal(new[] { "first", "second", "target" }, result.Stages.Where(s => s.Name == StageNames.Authentication).Select(s => s.Host));
            Assert.All(result.Stages.Where(s => s.Name == StageNames.Authentication), s => Assert.Contains(Fingerprint(key), s.Detail));
            Assert.Contains("through the jump host", result.Stages.Single(s => s.Host == "target" && s.Name == StageNames.Tcp).Detail);
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void AKeyUnlockedForTheJumpHostIsNotAskedAgainForTheTarget()
        {
            using var dir = new TempDirectory();
            string encrypted = NewKey(dir, "id_ed25519", Pass);
            using var jump = new TestSshd(new[] { Pub(encrypted) });
            using var target = new TestSshd(new[] { Pub(encrypted) });
            File.WriteAllLines(dir.File("known_hosts"), new[] { jump.KnownHostsLine, target.KnownHostsLine });
            var plan = new ConnectionPlan(new HopPlan("target", "127.0.0.1", target.Port, TestSshd.User, new[] { encrypted }, true), dir.File("known_hosts"), dir.Path)
            {
                Jumps = new[] { new HopPlan("jump", "127.0.0.1", jump.Port, TestSshd.User, new[] { encrypted }, true) },
                Timeout = TimeSpan.FromSeconds(20),
            };
            var interaction = new ScriptedInteraction().AnswerSecrets(Pass);

            ConnectionTestResult result = Tester(null, interaction).Run(plan);

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Single(interaction.Asked);
        }

        /// <summary>Records on which thread each secret was asked.</summary>
        private sealed class ThreadRecordingInteraction : IUserInteraction
        {
            public ThreadRecordingInteraction(ScriptedInteraction inner) => Inner = inner;

            public ScriptedInteraction Inner { get; }

            public List<int> Threads { get; } = new List<int>();

            public CancellationToken Cancellation => Inner.Cancellation;

            public bool CanPrompt => Inner.CanPrompt;

            public Secret AskSecret(Question question)
            {
                Threads.Add(Thread.CurrentThread.ManagedThreadId);
                return Inner.AskSecret(question);
            }

            public bool ShouldProcess(string target, string action, string detail = null) => Inner.ShouldProcess(target, action, detail);

            public bool Confirm(Question question) => Inner.Confirm(question);

            public int Choose(Question question, IReadOnlyList<Choice> choices, int defaultChoice) => Inner.Choose(question, choices, defaultChoice);

            public string AskText(Question question) => Inner.AskText(question);

            public void Warn(string message) => Inner.Warn(message);

            public void Inform(string message) => Inner.Inform(message);

            public void Verbose(string message) => Inner.Verbose(message);

            public void Progress(string activity, string status, double fraction) => Inner.Progress(activity, status, fraction);

            public void ProgressDone(string activity) => Inner.ProgressDone(activity);
        }
    }
}
