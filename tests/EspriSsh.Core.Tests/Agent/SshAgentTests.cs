using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>Which agent is used where, the advice when there is none, and adding without ssh-add.</summary>
    public sealed class SshAgentTests
    {
        [Fact]
        public void UnixWithoutSocketSaysHowToStartAnAgentFromPowerShell()
        {
            string why = new SshAgent(new FakeEnvironment(windows: false)).Probe().Problem;

            Assert.Contains("SSH_AUTH_SOCK is not set", why);
            Assert.Contains("$env:SSH_AUTH_SOCK = \"$HOME/.ssh/agent.sock\"", why);
            Assert.DoesNotContain("eval", why);
        }

        [Fact]
        public void UnixWithStaleSocketSaysTheAgentStoppedAndHowToStartOne()
        {
            var env = new FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = "/tmp/ssh-gone/agent.1" };

            AgentStatus status = new SshAgent(env).Probe();

            Assert.False(status.Reachable);
            Assert.Equal(ErrorIds.AgentNotRunning, status.ProblemId);
            Assert.Contains("/tmp/ssh-gone/agent.1", status.Problem);
            Assert.Contains("ssh-agent -a $env:SSH_AUTH_SOCK", status.Problem);
        }

        [Theory]
        [InlineData(AgentServiceState.Disabled, "disabled")]
        [InlineData(AgentServiceState.Stopped, "stopped")]
        [InlineData(AgentServiceState.NotInstalled, "not installed")]
        public void WindowsWithoutAgentGivesTheServiceStateAndTheAdminCommand(AgentServiceState state, string said)
        {
            string why = new SshAgent(new FakeEnvironment(windows: true), new FakeService(state), windows: new FakeWindows()).Probe().Problem;

            Assert.Contains(said, why);
            Assert.Contains("Get-Service ssh-agent | Set-Service -StartupType Automatic -PassThru | Start-Service", why);
            Assert.Contains("Pageant", why);
        }

        [Fact]
        public void WindowsPrefersPageantsPipe()
        {
            var windows = new FakeWindows { Pipes = { "pageant.alice.0123", AgentLocator.OpenSshPipeName }, Window = true };

            IAgentEndpoint endpoint = Locate(new FakeEnvironment(windows: true), windows);

            var pipe = Assert.IsType<NamedPipeEndpoint>(endpoint);
            Assert.Equal("pageant.alice.0123", pipe.PipeName);
            Assert.Equal("Pageant", pipe.Description);
        }

        [Fact]
        public void WindowsUsesPageantsWindowWhenItHasNoPipe()
        {
            var windows = new FakeWindows { Pipes = { AgentLocator.OpenSshPipeName }, Window = true };

            Assert.IsType<CopyDataEndpoint>(Locate(new FakeEnvironment(windows: true), windows));
        }

        [Fact]
        public void WindowsWithoutPageantUsesTheOpenSshService()
        {
            var windows = new FakeWindows { Pipes = { AgentLocator.OpenSshPipeName } };

            var pipe = Assert.IsType<NamedPipeEndpoint>(Locate(new FakeEnvironment(windows: true), windows));

            Assert.Equal("openssh-ssh-agent", pipe.PipeName);
        }

        [Fact]
        public void SshAuthSockComesFirstAndMayNameAPipeOnWindows()
        {
            var windows = new FakeWindows { Pipes = { "pageant.alice.0123" } };
            var env = new FakeEnvironment(windows: true) { ["SSH_AUTH_SOCK"] = @"\\.\pipe\my-agent" };

            var pipe = Assert.IsType<NamedPipeEndpoint>(Locate(env, windows));

            Assert.Equal("my-agent", pipe.PipeName);
        }

        [RequiresToolsFact(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        public void AddsToARealAgentWithoutSshAdd()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string path = SshKeygen.Make(dir, "id_ed25519", "ed25519", "");
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(path, null).Key;
            var env = new FakeEnvironment(windows: false) { ["PATH"] = dir.Path, ["SSH_AUTH_SOCK"] = agent.Socket }; // no ssh-add there

            AgentAddResult result = new SshAgent(env).Add(key, path);

            Assert.True(result.Added, result.Warning);
            Assert.Contains(KeyFingerprint.Sha256(key.PublicKeyBlob), new SshAgent(env).LoadedFingerprints());
            Assert.Equal($"the OpenSSH ssh-agent at '{agent.Socket}'", result.Agent);
            Assert.Equal(File.ReadAllText(path + ".pub").Trim(), agent.Run("ssh-add", "-L").Output.Trim());
            Assert.Contains(result.Fingerprint, agent.Run("ssh-add", "-l", "-E", "sha256").Output);
        }

        [RequiresToolsFact(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        public void AddingToALockedAgentWarnsItIsLocked()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            agent.Lock("lock-pw");
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(SshKeygen.Make(dir, "id_ed25519", "ed25519", ""), null).Key;

            AgentAddResult result = new SshAgent(new FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = agent.Socket }).Add(key);

            Assert.False(result.Added);
            Assert.Equal(ErrorIds.AgentLocked, result.ErrorId);
            Assert.Contains("ssh-add -X", result.Warning);
        }

        [Fact]
        public void WithoutAgentAddWarnsInsteadOfThrowing()
        {
            SshPrivateKey key = new Ed25519PrivateKey(new byte[32], new byte[32]);

            AgentAddResult result = new SshAgent(new FakeEnvironment(windows: false)).Add(key);

            Assert.Null(new SshAgent(new FakeEnvironment(windows: false)).LoadedFingerprints());
            Assert.False(result.Added);
            Assert.Equal(ErrorIds.AgentNotRunning, result.ErrorId);
            Assert.Contains("$env:SSH_AUTH_SOCK", result.Warning);
        }

        private static IAgentEndpoint Locate(IToolEnvironment env, IWindowsAgentDiscovery windows) =>
            new AgentLocator(env, windows, new FakeService(AgentServiceState.Running)).Locate(out _, out _);

        internal sealed class FakeEnvironment : IToolEnvironment
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

        private sealed class FakeWindows : IWindowsAgentDiscovery, IPageantWindowApi
        {
            public HashSet<string> Pipes { get; } = new HashSet<string>();

            public bool Window { get; set; }

            public string PageantPipeName => "pageant.alice.0123";

            public IPageantWindowApi PageantWindow => this;

            public uint CurrentThreadId => 1;

            public bool PipeExists(string pipeName) => Pipes.Contains(pipeName);

            public IntPtr FindPageantWindow() => Window ? new IntPtr(1) : IntPtr.Zero;

            public ISharedMemory CreateSharedMemory(string name, int size) => throw new NotSupportedException();

            public long? SendCopyData(IntPtr window, uint id, byte[] data, TimeSpan timeout) => throw new NotSupportedException();
        }
    }
}
