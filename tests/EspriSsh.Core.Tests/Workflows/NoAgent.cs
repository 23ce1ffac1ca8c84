using System.IO;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>An SshAgent on a Unix machine where no agent runs (SSH_AUTH_SOCK unset): what -AddToAgent meets without one.</summary>
    internal static class NoAgent
    {
        public static SshAgent Create() => new SshAgent(new NoSocketEnvironment());

        private sealed class NoSocketEnvironment : IToolEnvironment
        {
            public bool IsWindows => false;

            public string GetEnvironmentVariable(string name) => null;

            public bool FileExists(string path) => File.Exists(path);
        }
    }
}
