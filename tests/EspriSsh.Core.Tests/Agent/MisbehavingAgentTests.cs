using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tests.Connection;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// Broken and hostile agents: nothing hangs, nothing crashes, every message names the agent and
    /// the true cause. Where ssh has a verdict with the same agent (a list it rejects, a key type it
    /// skips), the connection test reaches the same one.
    /// </summary>
    public sealed class MisbehavingAgentTests
    {
        private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

        private static AgentClient Client(MisbehavingAgent agent, TimeSpan? timeout = null) => new AgentClient(new UnixSocketEndpoint(agent.Socket), timeout ?? Short);

        private static SshAgent Agent(string socket) => new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = socket }, timeout: Short);

        private static byte[] Ed25519Blob(byte[] point) => new SshWireWriter().WriteString("ssh-ed25519").WriteString(point).ToArray();

        private static byte[] RandomBytes(int count)
        {
            byte[] bytes = new byte[count];
            using var random = RandomNumberGenerator.Create();
            random.GetBytes(bytes);
            return bytes;
        }

        [Fact]
        public void ASocketThatListensButNeverAcceptsIsNamedAtOnce()
        {
            using var agent = new MisbehavingAgent(_ => null, accepts: false);

            var clock = Stopwatch.StartNew();
            var error = Assert.Throws<EspriException>(() => Client(agent, TimeSpan.FromMinutes(5)).ListIdentities());

            Assert.True(error.ErrorId == ErrorIds.AgentTimeout || error.ErrorId == ErrorIds.AgentNotRunning, error.ErrorId);
            Assert.True(error.Message.Contains("accepts no connection"), error.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        }

        [Fact]
        public void CtrlCStopsAWaitForAnAgentThatNeverAnswersAtOnce()
        {
            using var agent = new MisbehavingAgent(_ => null);
            using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();

            Assert.ThrowsAny<OperationCanceledException>(() => Client(agent, TimeSpan.FromMinutes(5)).Sign(new byte[] { 0, 0, 0, 0 }, new byte[] { 1 }, AgentSignFlags.None,
                TimeSpan.FromMinutes(5), "", ctrlC.Token));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
        }

        [Fact]
        public void AnAgentThatAcceptsAndNeverAnswersIsNamedAsNotAnswering()
        {
            using var agent = new MisbehavingAgent(_ => null);

            AgentStatus status = Agent(agent.Socket).Probe();

            Assert.False(status.Reachable);
            Assert.Equal(ErrorIds.AgentTimeout, status.ProblemId);
            Assert.Contains($"agent at '{agent.Socket}'", status.Problem);
            Assert.Contains("did not answer within 2 s", status.Problem);
        }

        [Fact]
        public void GarbageIsABadReplyNamingTheAgent()
        {
            using var agent = new MisbehavingAgent(_ => RandomBytes(40).Select((b, i) => i == 0 ? (byte)99 : b).ToArray());

            var error = Assert.Throws<EspriException>(() => Client(agent).ListIdentities());

            Assert.Equal(ErrorIds.AgentBadReply, error.ErrorId);
            Assert.StartsWith($"The agent at '{agent.Socket}'", error.Message);
        }

        public static TheoryData<string, byte[], bool> MalformedKeys() => new TheoryData<string, byte[], bool>
        {
            { "truncated Ed25519", Ed25519Blob(RandomBytes(31)), true },
            { "24-bit RSA", new SshWireWriter().WriteString("ssh-rsa").WriteMpint(new byte[] { 1, 0, 1 }).WriteMpint(new byte[] { 0xc3, 0x50, 0x07 }).ToArray(), true },
            { "P-256 point off the curve", new SshWireWriter().WriteString("ecdsa-sha2-nistp256").WriteString("nistp256").WriteString(new byte[] { 4 }.Concat(RandomBytes(64)).ToArray()).ToArray(), true },
            { "empty key type", new SshWireWriter().WriteString("").WriteString(RandomBytes(32)).ToArray(), false },
        };

        [Theory]
        [MemberData(nameof(MalformedKeys))]
        public void AMalformedKeyIsSkippedAndNamedAndSshsVerdictOnTheListIsKept(string what, byte[] blob, bool sshRejectsTheList)
        {
            using var dir = new TempDirectory();
            string good = SshKeygen(dir, "good");
            byte[] goodBlob = Convert.FromBase64String(File.ReadAllText(good + ".pub").Split(' ')[1]);
            using var agent = new MisbehavingAgent(_ => MisbehavingAgent.IdentitiesAnswer(new[] { (blob, "bad\u001b[31m " + what), (goodBlob, "good") }));

            AgentKeyList list = Client(agent).ListIdentities();

            Assert.Equal(goodBlob, Assert.Single(list).Blob);
            string problem = Assert.Single(list.Problems);
            Assert.StartsWith($"The agent at '{agent.Socket}'", problem);
            Assert.Contains($" lists a key that cannot be used, 'bad\\x1b[31m {what}'", problem);
            Assert.Equal(sshRejectsTheList, list.WhySshRejectsIt != null);
        }

        [Fact]
        public void AKeyTypeWithControlCharactersIsShownEscaped()
        {
            byte[] blob = new SshWireWriter().WriteString("ssh-\u001b]0;owned\u0007\r\nrsa").WriteString(RandomBytes(32)).ToArray();
            using var agent = new MisbehavingAgent(_ => MisbehavingAgent.IdentitiesAnswer(new[] { (blob, "odd") }));

            string problem = Assert.Single(Client(agent).ListIdentities().Problems);

            Assert.Contains(@"its key type 'ssh-\x1b]0;owned\x07\r\nrsa' is not one ssh knows", problem);
            Assert.DoesNotContain(problem, c => char.IsControl(c));
        }

        [RequiresToolsTheory("sshd", "ssh-keygen", "ssh", RealAgent.Tool, "ssh-add")]
        [InlineData(true)]
        [InlineData(false)]
        public void WithAMalformedKeyInTheListTheTestLogsInExactlyWhenSshDoes(bool emptyType)
        {
            using var dir = new TempDirectory();
            using var real = new RealAgent();
            string good = SshKeygen(dir, "good");
            real.Run("ssh-add", good);
            byte[] goodBlob = Convert.FromBase64String(File.ReadAllText(good + ".pub").Split(' ')[1]);
            byte[] bad = emptyType ? new SshWireWriter().WriteString("").ToArray() : Ed25519Blob(RandomBytes(31));
            // Lists a bad key beside the real agent's good one; everything else goes to the real agent.
            using var agent = new MisbehavingAgent(request => request[0] == 11
                ? MisbehavingAgent.IdentitiesAnswer(new[] { (bad, "bad"), (goodBlob, "good") })
                : Relay(real, request));
            using var sshd = new TestSshd(new[] { File.ReadAllText(good + ".pub").Trim() }, "LogLevel DEBUG3");
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { dir.File("none") } };

            var ssh = both.Ssh();
            var espri = both.Espri(agent: Agent(agent.Socket));

            Assert.True((ssh.ExitCode == 0) == espri.Result.Succeeded, ssh.Error + "\n" + string.Join("\n", espri.Result.Stages));
            Assert.Equal(emptyType, espri.Result.Succeeded);
            if (!emptyType)
            {
                Assert.Contains("ssh rejects this agent's list", espri.Result.Stages.Single(s => s.Name == StageNames.Config).Detail);
                Assert.Contains("ssh then rejects the agent's whole list", espri.Result.Hint);
            }
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void AForeignOrGarbageSignatureIsTheAgentsFaultNotTheServers()
        {
            using var dir = new TempDirectory();
            using var real = new RealAgent();
            string listed = SshKeygen(dir, "listed");
            string signs = SshKeygen(dir, "signs_instead");
            real.Run("ssh-add", signs);
            byte[] listedBlob = Convert.FromBase64String(File.ReadAllText(listed + ".pub").Split(' ')[1]);
            byte[] signsBlob = Convert.FromBase64String(File.ReadAllText(signs + ".pub").Split(' ')[1]);
            bool garbage = false;
            using var agent = new MisbehavingAgent(request =>
            {
                if (request[0] == 11)
                {
                    return MisbehavingAgent.IdentitiesAnswer(new[] { (listedBlob, "listed") });
                }

                if (garbage)
                {
                    return MisbehavingAgent.SignAnswer(RandomBytes(70));
                }

                // Asks the real agent to sign the same data with another key.
                var reader = new SshWireReader(request, 1);
                reader.ReadString();
                byte[] data = reader.ReadString();
                uint flags = reader.ReadUInt32();
                return Relay(real, MisbehavingAgent.Message(13, new SshWireWriter().WriteString(signsBlob).WriteString(data).WriteUInt32(flags).ToArray()));
            });
            using var sshd = new TestSshd(new[] { File.ReadAllText(listed + ".pub").Trim() });
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { dir.File("none") } };

            ConnectionTestResult foreign = both.Espri(agent: Agent(agent.Socket)).Result;
            garbage = true;
            ConnectionTestResult nonsense = both.Espri(agent: Agent(agent.Socket)).Result;

            Assert.Equal(ErrorIds.AgentBadReply, foreign.Reason);
            Assert.Contains("signature that does not verify with the key asked for", foreign.Hint);
            Assert.Equal(ErrorIds.AgentBadReply, nonsense.Reason);
            Assert.DoesNotContain("closed the connection", nonsense.Hint + foreign.Hint);
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void FourThousandKeysGiveACountAndAFewNamesNeverThousandsOfLines()
        {
            using var dir = new TempDirectory();
            (byte[], string)[] many = Enumerable.Range(0, 4096).Select(_ => (Ed25519Blob(RandomBytes(32)), "")).ToArray();
            (byte[], string)[] fewer = many.Take(2000).ToArray();
            bool all = true;
            using var agent = new MisbehavingAgent(request => request[0] == 11 ? MisbehavingAgent.IdentitiesAnswer(all ? many : fewer) : MisbehavingAgent.Failure);
            string registered = SshKeygen(dir, "id_ed25519");
            using var sshd = new TestSshd(new[] { File.ReadAllText(registered + ".pub").Trim() });
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { registered } };

            AgentKeyList listed = Client(agent).ListIdentities();
            ConnectionTestResult rejected = both.Espri(agent: Agent(agent.Socket)).Result;
            all = false;
            ConnectionTestResult tooMany = both.Espri(agent: Agent(agent.Socket)).Result;

            Assert.Equal(4096, listed.Count);
            Assert.Contains("lists 4096 keys; ssh reads at most 2048", listed.WhySshRejectsIt);
            Assert.True(rejected.Succeeded, string.Join("\n", rejected.Stages)); // like ssh: no agent key, the file logs in
            Assert.Equal(ErrorIds.TooManyAuthenticationFailures, tooMany.Reason);
            string text = string.Join("\n", tooMany.Stages.Select(s => s.Detail + " " + s.Hint)) + tooMany.Hint;
            Assert.True(System.Text.RegularExpressions.Regex.Matches(text, "SHA256:").Count <= 20, text);
            Assert.Contains("Never tried (1995): ", text);
        }

        [Fact]
        public void AnAddThatTimesOutButLandedIsReportedAdded()
        {
            using var dir = new TempDirectory();
            string path = SshKeygen(dir, "id_ed25519");
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(path, null).Key;
            bool added = false;
            // Takes the key, then never answers the add (as an agent whose person answered just too late).
            using var agent = new MisbehavingAgent(request =>
            {
                if (request[0] == 17)
                {
                    added = true;
                    return null;
                }

                return MisbehavingAgent.IdentitiesAnswer(added ? new[] { (key.PublicKeyBlob, "id_ed25519") } : Array.Empty<(byte[], string)>());
            });
            var interaction = new ScriptedInteraction();

            AgentAddResult result = new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = agent.Socket }, timeout: Short,
                addWait: TimeSpan.FromSeconds(1)).Add(key, path, null, interaction);

            Assert.True(result.Added, result.Warning);
            Assert.Contains(interaction.ProgressReports, p => p.Status.Contains("it may be asking you to confirm or type a passphrase"));
        }

        [Fact]
        public void AnAddNeverAnsweredWarnsWithoutAdvisingARestart()
        {
            using var dir = new TempDirectory();
            string path = SshKeygen(dir, "id_ed25519");
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(path, null).Key;
            using var agent = new MisbehavingAgent(request => request[0] == 17 ? null : MisbehavingAgent.IdentitiesAnswer(Array.Empty<(byte[], string)>()));

            AgentAddResult result = new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = agent.Socket }, timeout: Short,
                addWait: TimeSpan.FromSeconds(1)).Add(key, path);

            Assert.False(result.Added);
            Assert.Equal(ErrorIds.AgentTimeout, result.ErrorId);
            Assert.Contains("may be waiting for you", result.Warning);
            Assert.Contains("ssh-add -l", result.Warning);
            Assert.DoesNotContain("restart", result.Warning, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("list its keys", result.Warning);
        }

        [Fact]
        public void AnAddRefusedIsNotCalledARefusalToList()
        {
            using var dir = new TempDirectory();
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(SshKeygen(dir, "id_ed25519"), null).Key;
            using var agent = new MisbehavingAgent(_ => MisbehavingAgent.Failure);

            AgentAddResult result = Agent(agent.Socket).Add(key);

            Assert.Equal(ErrorIds.AgentRefused, result.ErrorId);
            Assert.Contains("refused to take the key", result.Warning);
            Assert.DoesNotContain("list its keys", result.Warning);
        }

        private static byte[] Relay(RealAgent real, byte[] request) => AgentRelay.ExchangeBody(real.Socket, request);

        private static string SshKeygen(TempDirectory dir, string name) => Keys.SshKeygen.Make(dir, name, "ed25519", "");
    }
}
