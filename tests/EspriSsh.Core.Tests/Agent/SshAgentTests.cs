using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Agent
{
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class SshAgentTests
    {
        private readonly PuttygenKeys keys;

        public SshAgentTests(PuttygenKeys keys) => this.keys = keys;

        [Fact]
        public void UnixWithoutSocketSaysHowToStartAnAgent()
        {
            string why = new SshAgent(new FakeEnvironment(windows: false)).WhyUnreachable();
            Assert.Contains("SSH_AUTH_SOCK is not set", why);
            Assert.Contains("eval $(ssh-agent)", why);
        }

        [Fact]
        public void UnixWithStaleSocketSaysTheAgentStopped()
        {
            var env = new FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = "/tmp/ssh-gone/agent.1" };
            string why = new SshAgent(env).WhyUnreachable();
            Assert.Contains("/tmp/ssh-gone/agent.1", why);
            Assert.Contains("eval $(ssh-agent)", why);
        }

        [Theory]
        [InlineData(AgentServiceState.Disabled, "disabled")]
        [InlineData(AgentServiceState.Stopped, "stopped")]
        [InlineData(AgentServiceState.NotInstalled, "not installed")]
        public void WindowsServiceProblemsGiveTheAdminCommand(AgentServiceState state, string said)
        {
            string why = new SshAgent(new FakeEnvironment(windows: true), new FakeService(state)).WhyUnreachable();
            Assert.Contains(said, why);
            Assert.Contains("Get-Service ssh-agent | Set-Service -StartupType Automatic -PassThru | Start-Service", why);
        }

        [Fact]
        public void WindowsRunningServiceIsReachable() =>
            Assert.Null(new SshAgent(new FakeEnvironment(windows: true), new FakeService(AgentServiceState.Running)).WhyUnreachable());

        [RequiresToolsFact("puttygen", "sh")] // the fake ssh-add is a shell script
        public void AnSshAddThatHangsIsStoppedAtTheTimeout()
        {
            using var dir = new TempDirectory();
            string fake = dir.File("ssh-add");
            File.WriteAllText(fake, "#!/bin/sh\nexec sleep 60\n");
            UnixModes.Set(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            string socket = dir.File("agent.sock");
            File.WriteAllText(socket, "");
            var env = new FakeEnvironment(windows: false) { ["PATH"] = dir.Path, ["SSH_AUTH_SOCK"] = socket };
            SshPrivateKey key = PuttygenKeys.Read(keys.Master("ed25519")).Decrypt(null);

            AgentAddResult result = new SshAgent(env, timeout: TimeSpan.FromSeconds(1)).Add(key);

            Assert.False(result.Added);
            Assert.Contains("did not finish within 1 s", result.Warning);
        }

        [RequiresToolsFact("puttygen", "ssh-agent", "ssh-add")]
        public void AddsToARealAgent()
        {
            using var dir = new TempDirectory();
            string socket = dir.File("agent.sock");
            string started = ExternalTool.Check("ssh-agent", "-s", "-a", socket);
            int agentPid = int.Parse(started.Split(';').First(p => p.Contains("SSH_AGENT_PID=")).Split('=')[1]);
            try
            {
                var env = new FakeEnvironment(windows: false) { ["PATH"] = Environment.GetEnvironmentVariable("PATH"), ["SSH_AUTH_SOCK"] = socket };
                string master = keys.Master("ed25519");
                SshPrivateKey key = PuttygenKeys.Read(master).Decrypt(null);

                AgentAddResult result = new SshAgent(env).Add(key);

                Assert.True(result.Added, result.Warning);
                var listed = ExternalTool.RunWithEnvironment("ssh-add", new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket }, "-L");
                Assert.Equal(keys.PublicLine(master), listed.Output.Trim());
            }
            finally
            {
                System.Diagnostics.Process.GetProcessById(agentPid).Kill();
            }
        }

        private sealed class FakeEnvironment : IToolEnvironment
        {
            private readonly Dictionary<string, string> variables = new Dictionary<string, string>();

            public FakeEnvironment(bool windows) => IsWindows = windows;

            public bool IsWindows { get; }

            public string this[string name]
            {
                set => variables[name] = value;
            }

            public string GetEnvironmentVariable(string name) => variables.TryGetValue(name, out string value) ? value : null;

            public bool FileExists(string path) => File.Exists(path);
        }

        private sealed class FakeService : IAgentServiceQuery
        {
            private readonly AgentServiceState state;

            public FakeService(AgentServiceState state) => this.state = state;

            public AgentServiceState Query() => state;
        }
    }
}
