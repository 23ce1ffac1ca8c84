using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tests.Connection;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// Agents that ask the person before they sign or take a key: OpenSSH's ssh-agent with ssh-add -c
    /// (a scripted SSH_ASKPASS), ssh-add -t, gpg-agent with a scripted pinentry, Pageant holding a key
    /// encrypted. The test waits like ssh within the stage's time, asks each key once (as many dialogs
    /// as ssh opens), names the agent and the true cause, and never hangs up on an agent still asking.
    /// </summary>
    public sealed class PersonAgentTests
    {
        private static string NewKey(TempDirectory dir, string name) => Keys.SshKeygen.Make(dir, name, "ed25519", "");

        private static string Pub(string key) => File.ReadAllText(key + ".pub").Trim();

        private static SshAgent Agent(string socket) => new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = socket });

        private static ConnectionStage Stage(ConnectionTestResult result, string name) => result.Stages.Single(s => s.Name == name);

        [RequiresToolsTheory("sshd", "ssh-keygen", "ssh", RealAgent.Tool, "ssh-add")]
        [InlineData("ed25519")]
        [InlineData("rsa")]
        public void AConfirmationAnsweredNoIsOneDialogAsWithSshAndNamedAsThePersonsNo(string type)
        {
            using var dir = new TempDirectory();
            using var person = new AskpassPerson();
            using var agent = new RealAgent(person: person);
            string key = type == "rsa" ? KeyPool.Rsa(dir.File("id_rsa")) : NewKey(dir, "id_ed25519");
            agent.Run("ssh-add", "-c", key);
            person.Answer(0, yes: false);
            using var sshd = new TestSshd(new[] { Pub(key) }, "LogLevel DEBUG3");
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key } };

            var ssh = both.Ssh();
            int sshDialogs = person.Dialogs;
            var espri = both.Espri(agent: Agent(agent.Socket));

            Assert.NotEqual(0, ssh.ExitCode);
            Assert.Equal(1, sshDialogs);
            Assert.Equal(2, person.Dialogs);
            Assert.Equal(ssh.Offers, espri.Offers);
            Assert.Equal(ErrorIds.AgentRefused, espri.Result.Reason);
            Assert.Contains($"The OpenSSH ssh-agent at '{agent.Socket}' refused to sign", espri.Result.Hint);
            Assert.Contains("its use was not approved", espri.Result.Hint);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AKeyRefusedOnTheJumpHostIsNotAskedAgainForTheTarget()
        {
            using var dir = new TempDirectory();
            using var person = new AskpassPerson();
            using var agent = new RealAgent(person: person);
            string confirmed = NewKey(dir, "confirmed");
            string file = NewKey(dir, "id_ed25519");
            agent.Run("ssh-add", "-c", confirmed);
            person.Answer(0, yes: false);
            using var jump = new TestSshd(new[] { Pub(confirmed), Pub(file) });
            using var target = new TestSshd(new[] { Pub(confirmed), Pub(file) });
            File.WriteAllLines(dir.File("known_hosts"), new[] { jump.KnownHostsLine, target.KnownHostsLine });
            var plan = new ConnectionPlan(new HopPlan("target", "127.0.0.1", target.Port, TestSshd.User, new[] { file }), dir.File("known_hosts"), dir.Path)
            {
                Jumps = new[] { new HopPlan("jump", "127.0.0.1", jump.Port, TestSshd.User, new[] { file }) },
                Timeout = TimeSpan.FromSeconds(20),
            };

            ConnectionTestResult result = new ConnectionTester((p, pw) => PrivateKeyFileReader.ReadFile(p, pw).Key, EspriSsh.Core.Site.SiteProfileLoader.Default,
                Agent(agent.Socket), new ScriptedInteraction { CanPrompt = false }).Run(plan);

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Equal(1, person.Dialogs);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AConfirmationAnsweredWithinTheStagesTimeLogsInWithOneDialogAndSaysItWaits()
        {
            using var dir = new TempDirectory();
            using var person = new AskpassPerson();
            using var agent = new RealAgent(person: person);
            string key = NewKey(dir, "id_ed25519");
            agent.Run("ssh-add", "-c", key);
            person.Answer(2.5, yes: true);
            using var sshd = new TestSshd(new[] { Pub(key) });
            var interaction = new ScriptedInteraction { CanPrompt = false };

            var espri = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key }, Timeout = TimeSpan.FromSeconds(6) }.Espri(interaction, Agent(agent.Socket));

            Assert.True(espri.Result.Succeeded, string.Join("\n", espri.Result.Stages));
            Assert.Equal(1, person.Dialogs);
            // The status leads with the wait (what an 80-column terminal shows) and is redrawn each second.
            Assert.Contains(interaction.ProgressReports, p => p.Status.StartsWith("waiting for your agent (it may be asking you to confirm or type a passphrase"));
            Assert.True(interaction.ProgressReports.Count(p => p.Status.StartsWith("waiting for your agent")) >= 2, string.Join("\n", interaction.ProgressReports));
            string said = Assert.Single(interaction.Information, i => i.StartsWith("Waiting for "));
            Assert.StartsWith($"Waiting for the OpenSSH ssh-agent at '{agent.Socket}' to sign for box: it may be asking you to confirm", said);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AnAgentStillAskingWhenTheStageEndsIsNamedNeverTheServerAndIsNotAskedAgain()
        {
            using var dir = new TempDirectory();
            using var person = new AskpassPerson();
            using var agent = new RealAgent(person: person);
            string first = NewKey(dir, "first");
            string second = NewKey(dir, "second");
            agent.Run("ssh-add", "-c", first);
            agent.Run("ssh-add", "-c", second);
            person.Answer(4, yes: true);
            using var sshd = new TestSshd(new[] { Pub(first), Pub(second) });
            var clock = Stopwatch.StartNew();

            var espri = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { dir.File("none") }, Timeout = TimeSpan.FromSeconds(2) }.Espri(agent: Agent(agent.Socket));
            TimeSpan took = clock.Elapsed;
            Thread.Sleep(TimeSpan.FromSeconds(4)); // the person answers the one dialog; no second one may follow

            Assert.Equal(ErrorIds.AgentTimeout, espri.Result.Reason);
            ConnectionStage authentication = Stage(espri.Result, StageNames.Authentication);
            Assert.Contains($"The OpenSSH ssh-agent at '{agent.Socket}' did not answer within the stage's 2 s", authentication.Detail);
            Assert.Contains("-TimeoutSec 60", espri.Result.Hint);
            Assert.DoesNotContain("server", authentication.Detail + authentication.Hint, StringComparison.OrdinalIgnoreCase);
            Assert.True(took < TimeSpan.FromSeconds(3.5), took.ToString());
            Assert.Equal(1, person.Dialogs);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void CtrlCStopsTheWaitForTheAgentAtOnce()
        {
            using var dir = new TempDirectory();
            using var person = new AskpassPerson();
            using var agent = new RealAgent(person: person);
            string key = NewKey(dir, "id_ed25519");
            agent.Run("ssh-add", "-c", key);
            person.Answer(5, yes: true);
            using var sshd = new TestSshd(new[] { Pub(key) });
            File.WriteAllText(dir.File("known_hosts"), sshd.KnownHostsLine + "\n");
            var plan = new ConnectionPlan(new HopPlan("box", "127.0.0.1", sshd.Port, TestSshd.User, new[] { key }, true), dir.File("known_hosts"), dir.Path)
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            var tester = new ConnectionTester((p, pw) => PrivateKeyFileReader.ReadFile(p, pw).Key, EspriSsh.Core.Site.SiteProfileLoader.Default, Agent(agent.Socket), null);
            using var ctrlC = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            new Timer(_ => ctrlC.Cancel(), null, 1500, Timeout.Infinite);

            Assert.ThrowsAny<OperationCanceledException>(() => tester.Run(plan, ctrlC.Token));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AKeyWhoseLifetimeRanOutDuringTheTestIsNamedExpiredNotLocked()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string key = NewKey(dir, "id_ed25519");
            agent.Run("ssh-add", NewKey(dir, "other"));
            agent.Run("ssh-add", "-t", "3", key);
            File.Delete(key); // only the agent signs
            using var sshd = new TestSshd(new[] { Pub(key) });
            // First contact: the person takes 4 s to trust the host key; the key listed at the start meanwhile expires.
            var person = new SlowChoices(new ScriptedInteraction().AnswerChoices(0), TimeSpan.FromSeconds(4));
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key }, IdentitiesOnly = true };
            File.Delete(dir.File("known_hosts"));
            File.WriteAllText(dir.File("known_hosts"), "");

            var espri = both.Espri(person, Agent(agent.Socket));

            Assert.Contains("(2 keys)", espri.Result.Stages.Single(s => s.Name == StageNames.Config).Detail);
            Assert.Equal(ErrorIds.AgentKeyExpired, espri.Result.Reason);
            Assert.Contains("ssh-add -t", espri.Result.Hint);
            Assert.DoesNotContain("ssh-add -X", espri.Result.Hint);
        }

        [RequiresToolsFact(RealAgent.Tool, "ssh-add", Keys.SshKeygen.Tool)]
        public void ALockedAgentIsToldFromAnExpiredKey()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string key = NewKey(dir, "id_ed25519");
            // A lifetime of 4 s: under Mono at a load of 20, 1 s ran out before the first listing.
            agent.Run("ssh-add", "-t", "4", key);
            var client = new AgentClient(new UnixSocketEndpoint(agent.Socket));
            byte[] blob = Assert.Single(client.ListIdentities()).Blob;
            Thread.Sleep(4500);

            var expired = Assert.Throws<EspriException>(() => client.Sign(blob, new byte[] { 1 }, AgentSignFlags.None));
            agent.Run("ssh-add", key);
            client.ListIdentities();
            agent.Lock("lock-pw");
            var locked = Assert.Throws<EspriException>(() => client.Sign(blob, new byte[] { 1 }, AgentSignFlags.None));

            Assert.Equal(ErrorIds.AgentKeyExpired, expired.ErrorId);
            Assert.Equal(ErrorIds.AgentLocked, locked.ErrorId);
            Assert.Contains("ssh-add -X", locked.Message);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", "ssh", GpgAgentProcess.Tool, "ssh-add")]
        public void GpgAgentsPinentryCancelledOpensAsManyDialogsAsWithSshAndSaysSo()
        {
            using var dir = new TempDirectory();
            using var gpg = new GpgAgentProcess();
            string rsa = KeyPool.Rsa(dir.File("id_rsa"));
            Assert.Equal(0, gpg.Run("ssh-add", rsa).ExitCode);
            gpg.Answer(0, cancel: true);
            using var sshd = new TestSshd(new[] { Pub(rsa) }, "LogLevel DEBUG3");
            var both = new SshBeside(sshd, dir, gpg.Socket) { IdentityFiles = new[] { rsa } };

            int before = gpg.Dialogs;
            var ssh = both.Ssh();
            int sshDialogs = gpg.Dialogs - before;
            var espri = both.Espri(agent: Agent(gpg.Socket));
            int espriDialogs = gpg.Dialogs - before - sshDialogs;

            Assert.NotEqual(0, ssh.ExitCode);
            Assert.Equal(ssh.Offers, espri.Offers);
            Assert.Equal(sshDialogs, espriDialogs);
            Assert.Equal(ErrorIds.AgentRefused, espri.Result.Reason);
            Assert.Contains($"gpg-agent at '{gpg.Socket}' refused to sign", espri.Result.Hint);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", GpgAgentProcess.Tool, "ssh-add")]
        public void GpgAgentsPinentryAnsweredLateLogsIn()
        {
            using var dir = new TempDirectory();
            using var gpg = new GpgAgentProcess();
            string key = NewKey(dir, "id_ed25519");
            Assert.Equal(0, gpg.Run("ssh-add", key).ExitCode);
            gpg.Answer(1.5, cancel: false);
            using var sshd = new TestSshd(new[] { Pub(key) });

            var espri = new SshBeside(sshd, dir, gpg.Socket) { IdentityFiles = new[] { key }, Timeout = TimeSpan.FromSeconds(6) }.Espri(agent: Agent(gpg.Socket));

            Assert.True(espri.Result.Succeeded, string.Join("\n", espri.Result.Stages));
            Assert.Contains($"agent: gpg-agent at '{gpg.Socket}'", Stage(espri.Result, StageNames.Config).Detail);
        }

        [RequiresToolsFact(GpgAgentProcess.Tool, "ssh-add", Keys.SshKeygen.Tool)]
        public void AddingToGpgAgentWaitsForItsPassphraseQuestionAndChecksTheListWhenTheWaitRunsOut()
        {
            using var dir = new TempDirectory();
            using var gpg = new GpgAgentProcess();
            SshPrivateKey first = PrivateKeyFileReader.ReadFile(NewKey(dir, "first"), null).Key;
            SshPrivateKey second = PrivateKeyFileReader.ReadFile(NewKey(dir, "second"), null).Key;
            gpg.Answer(1.5, cancel: false);

            AgentAddResult patient = new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = gpg.Socket }, addWait: TimeSpan.FromSeconds(20)).Add(first, "first");
            AgentAddResult hasty = new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = gpg.Socket }, addWait: TimeSpan.FromSeconds(1)).Add(second, "second");
            // The person answers after the wait ran out: the request left open completes (a loaded machine may take a while).
            string print = KeyFingerprint.Sha256(second.PublicKeyBlob);
            var clock = Stopwatch.StartNew();
            while (!gpg.Run("ssh-add", "-l", "-E", "sha256").Output.Contains(print) && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(250);
            }

            Assert.True(patient.Added, patient.Warning);
            Assert.Equal($"gpg-agent at '{gpg.Socket}'", patient.Agent);
            Assert.False(hasty.Added);
            Assert.Equal(ErrorIds.AgentTimeout, hasty.ErrorId);
            Assert.Contains("it may be waiting for you", hasty.Warning);
            Assert.DoesNotContain("restart", hasty.Warning, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(print, gpg.Run("ssh-add", "-l", "-E", "sha256").Output);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", PageantProcess.Tool, "puttygen", "tmux")]
        public void PageantIsNamedAndOutlivesARequestAbandonedWhileItAsksForAPassphrase()
        {
            using var dir = new TempDirectory();
            string key = NewKey(dir, "id_ed25519");
            File.WriteAllText(dir.File("pw"), "pageant pw\n");
            ExternalTool.Check("puttygen", key, "-O", "private", "-o", dir.File("key.ppk"), "--new-passphrase", dir.File("pw"));
            using var pageant = new PageantProcess(encrypted: true, dir.File("key.ppk"));
            using var sshd = new TestSshd(new[] { Pub(key) });
            var both = new SshBeside(sshd, dir, pageant.Socket) { IdentityFiles = new[] { key + ".pub" }, IdentitiesOnly = true, Timeout = TimeSpan.FromSeconds(2) };

            var abandoned = both.Espri(agent: Agent(pageant.Socket));
            Assert.True(pageant.WaitForLog("passphrase request", TimeSpan.FromSeconds(5)), pageant.Log);
            pageant.Type("pageant pw");
            Assert.True(pageant.WaitForLog("passphrase response: success", TimeSpan.FromSeconds(5)), pageant.Log);
            Thread.Sleep(500);
            both.Timeout = TimeSpan.FromSeconds(10);
            var decrypted = both.Espri(agent: Agent(pageant.Socket));

            Assert.Equal(ErrorIds.AgentTimeout, abandoned.Result.Reason);
            Assert.Contains("Pageant at ", Stage(abandoned.Result, StageNames.Authentication).Detail);
            Assert.True(pageant.Running, "Pageant crashed: " + pageant.Log);
            Assert.True(decrypted.Result.Succeeded, string.Join("\n", decrypted.Result.Stages));
        }

        /// <summary>Answers choices (the first-contact question) after a delay, as a person reading a fingerprint.</summary>
        private sealed class SlowChoices : IUserInteraction
        {
            private readonly ScriptedInteraction inner;
            private readonly TimeSpan delay;

            public SlowChoices(ScriptedInteraction inner, TimeSpan delay)
            {
                this.inner = inner;
                this.delay = delay;
            }

            public CancellationToken Cancellation => inner.Cancellation;

            public bool CanPrompt => true;

            public int Choose(Question question, IReadOnlyList<Choice> choices, int defaultChoice)
            {
                Thread.Sleep(delay);
                return inner.Choose(question, choices, defaultChoice);
            }

            public Secret AskSecret(Question question) => inner.AskSecret(question);

            public bool ShouldProcess(string target, string action, string detail = null) => inner.ShouldProcess(target, action, detail);

            public bool Confirm(Question question) => inner.Confirm(question);

            public string AskText(Question question) => inner.AskText(question);

            public void Warn(string message) => inner.Warn(message);

            public void Inform(string message) => inner.Inform(message);

            public void Verbose(string message) => inner.Verbose(message);

            public void Progress(string activity, string status, double fraction) => inner.Progress(activity, status, fraction);

            public void ProgressDone(string activity) => inner.ProgressDone(activity);
        }
    }
}
