using System;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Finds the agent the user's ssh tools use. SSH_AUTH_SOCK first, everywhere (what OpenSSH does;
    /// on Windows it may name a pipe). Else on Windows: Pageant when it runs (its pipe, then its
    /// window: PuTTY and MobaXterm with "Use external Pageant" see the same keys), else the OpenSSH
    /// agent service's pipe.
    /// </summary>
    public sealed class AgentLocator
    {
        public const string OpenSshPipeName = "openssh-ssh-agent";

        private readonly IToolEnvironment environment;
        private IWindowsAgentDiscovery? windows;
        private readonly IAgentServiceQuery windowsService;

        public AgentLocator(IToolEnvironment environment, IWindowsAgentDiscovery? windows = null, IAgentServiceQuery? windowsService = null)
        {
            this.environment = environment;
            this.windows = windows;
            this.windowsService = windowsService ?? new ScAgentServiceQuery();
        }

        /// <summary>The agent to talk to, or null with <paramref name="whyNone"/> saying why and what to do.</summary>
        public IAgentEndpoint? Locate(out string? whyNone, out string startAdvice)
        {
            whyNone = null;
            startAdvice = environment.IsWindows ? AgentAdvice.ForWindowsService(AgentServiceState.Unknown) : AgentAdvice.UnixStart;
            string? socket = environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
            if (!string.IsNullOrEmpty(socket))
            {
                string? pipe = environment.IsWindows ? PipeNameOf(socket!) : null;
                return pipe != null
                    ? PipeNamedBySshAuthSock(pipe, socket!)
                    : new UnixSocketEndpoint(socket!);
            }

            if (!environment.IsWindows)
            {
                whyNone = "No SSH agent runs in this session (SSH_AUTH_SOCK is not set). " + AgentAdvice.UnixStart;
                return null;
            }

            IWindowsAgentDiscovery discovery = Discovery;
            if (discovery.PipeExists(discovery.PageantPipeName))
            {
                startAdvice = "Start Pageant again.";
                return new NamedPipeEndpoint(discovery.PageantPipeName, "Pageant", discovery.PipeExists, serverIsCurrentUser: true, AgentKind.Pageant);
            }

            if (discovery.PageantWindow.FindPageantWindow() != IntPtr.Zero)
            {
                startAdvice = "Start Pageant (or MobaXterm's agent) again.";
                return new CopyDataEndpoint(discovery.PageantWindow);
            }

            if (discovery.PipeExists(OpenSshPipeName))
            {
                return new NamedPipeEndpoint(OpenSshPipeName, AgentKindNames.Name(AgentKind.WindowsService), discovery.PipeExists, kind: AgentKind.WindowsService);
            }

            whyNone = AgentAdvice.ForWindowsService(windowsService.Query());
            startAdvice = whyNone;
            return null;
        }

        // Only Windows has Windows agents; elsewhere (a Windows environment faked in tests) one must be given.
        private IWindowsAgentDiscovery Discovery => windows ??= HostPlatform.IsWindows
            ? new WindowsAgentDiscovery()
            : throw new PlatformNotSupportedException("Pageant and the Windows agent service exist only on Windows: pass an IWindowsAgentDiscovery.");

        /// <summary>A pipe in SSH_AUTH_SOCK, named by what usually serves it.</summary>
        private NamedPipeEndpoint PipeNamedBySshAuthSock(string pipe, string socket)
        {
            AgentKind kind = string.Equals(pipe, OpenSshPipeName, StringComparison.OrdinalIgnoreCase) ? AgentKind.WindowsService
                : pipe.StartsWith("pageant.", StringComparison.OrdinalIgnoreCase) ? AgentKind.Pageant
                : AgentKind.Unknown;
            string description = kind == AgentKind.Unknown ? $"the agent at SSH_AUTH_SOCK ({socket})" : $"{AgentKindNames.Name(kind)} at SSH_AUTH_SOCK ({socket})";
            return new NamedPipeEndpoint(pipe, description, Discovery.PipeExists, kind: kind);
        }

        /// <summary>The pipe name of \\.\pipe\NAME (or //./pipe/NAME); null for a socket path.</summary>
        private static string? PipeNameOf(string path)
        {
            string normalized = path.Replace('/', '\\');
            const string prefix = @"\\.\pipe\";
            return normalized.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? normalized.Substring(prefix.Length) : null;
        }
    }
}
