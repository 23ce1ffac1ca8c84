using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Puts a key into the user's ssh-agent with the real ssh-add, so ssh stops asking for the
    /// passphrase. The decrypted key goes to `ssh-add -` on stdin (unencrypted OpenSSH form, cleared
    /// afterwards): ssh-add never needs to prompt, no askpass helper, nothing secret on disk. Bounded
    /// by a timeout. When no agent is reachable, says exactly why and how to start one; never fails
    /// the command that asked (the key files are already written).
    /// </summary>
    public sealed class SshAgent
    {
        /// <summary>What an administrator runs once on Windows: the service ships disabled.</summary>
        public const string WindowsServiceFix = "Get-Service ssh-agent | Set-Service -StartupType Automatic -PassThru | Start-Service";

        public const string UnixStartCommand = "eval $(ssh-agent)";

        private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

        private readonly IToolEnvironment environment;
        private readonly IAgentServiceQuery windowsService;
        private readonly TimeSpan timeout;

        public SshAgent(IToolEnvironment? environment = null, IAgentServiceQuery? windowsService = null, TimeSpan? timeout = null)
        {
            this.environment = environment ?? SystemToolEnvironment.Instance;
            this.windowsService = windowsService ?? new ScAgentServiceQuery();
            this.timeout = timeout ?? DefaultTimeout;
        }

        /// <summary>Why no agent can be reached, with the command that fixes it; null when one should be.</summary>
        public string? WhyUnreachable()
        {
            string? socket = environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
            if (!string.IsNullOrEmpty(socket))
            {
                return environment.IsWindows || environment.FileExists(socket!)
                    ? null
                    : $"SSH_AUTH_SOCK points to '{socket}', which no longer exists (that ssh-agent has stopped). Start a new agent in your shell with: {UnixStartCommand}";
            }

            if (!environment.IsWindows)
            {
                return "No ssh-agent is running in this session (SSH_AUTH_SOCK is not set). " +
                    $"Start one in your shell with: {UnixStartCommand} (then run this again from that shell), or add the key later with ssh-add.";
            }

            switch (windowsService.Query())
            {
                case AgentServiceState.NotInstalled:
                    return "The Windows OpenSSH ssh-agent service is not installed. Install the OpenSSH Client (Settings > System > Optional features), " +
                        $"then in an administrator PowerShell run: {WindowsServiceFix}";
                case AgentServiceState.Disabled:
                    return $"The Windows ssh-agent service is disabled (its default). Once, in an administrator PowerShell, run: {WindowsServiceFix}";
                case AgentServiceState.Stopped:
                    return $"The Windows ssh-agent service is stopped. In an administrator PowerShell run: {WindowsServiceFix}";
                default:
                    return null;
            }
        }

        /// <summary>
        /// The SHA256 fingerprints of the keys the agent holds (`ssh-add -l`), for Get-EspriKey's InAgent;
        /// null when no agent can be asked (unreachable, no ssh-add, timeout), so callers say "unknown".
        /// </summary>
        public IReadOnlyCollection<string>? LoadedFingerprints()
        {
            CommandResult? result = WhyUnreachable() == null ? ListKeys() : null;
            if (result == null || result.NotFound || result.TimedOut || (result.ExitCode != 0 && result.ExitCode != 1))
            {
                return null; // 1 = the agent holds no key; 2 = no agent
            }

            // "256 SHA256:abc... comment (ED25519)"
            return result.StandardOutput.Split('\n')
                .Select(line => line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length > 1 && fields[1].StartsWith("SHA256:", StringComparison.Ordinal))
                .Select(fields => fields[1])
                .ToList();
        }

        /// <summary>
        /// `ssh-add -l -E sha256`: size, fingerprint, comment and type per key, never the keys themselves
        /// (-L would). Null when ssh-add is not installed. Exit 0 = keys listed, 1 = none, other = no agent.
        /// </summary>
        public CommandResult? ListKeys()
        {
            SshToolLocation? sshAdd = new SshToolLocator(environment).Find("ssh-add");
            // ExternalCommand reports a program that cannot start (NotFound) instead of throwing.
            return sshAdd == null ? null : ExternalCommand.Run(sshAdd.Path, new[] { "-l", "-E", "sha256" }, timeout, SshAddVariables());
        }

        /// <summary>Adds the key; the result carries a warning instead of throwing when it could not.</summary>
        public AgentAddResult Add(SshPrivateKey key)
        {
            string? why = WhyUnreachable();
            if (why != null)
            {
                return AgentAddResult.NotAdded(why);
            }

            SshToolLocation? sshAdd = new SshToolLocator(environment).Find("ssh-add");
            if (sshAdd == null)
            {
                return AgentAddResult.NotAdded("ssh-add was not found, so the key was not added to the agent. Install the OpenSSH client, then run: ssh-add <key file>");
            }

            byte[] unencrypted = OpenSshPrivateKeyWriter.Write(key, null);
            try
            {
                CommandResult result = ExternalCommand.Run(sshAdd.Path, new[] { "-" }, timeout, SshAddVariables(), unencrypted);
                if (result.NotFound)
                {
                    return AgentAddResult.NotAdded($"ssh-add ({sshAdd.Path}) could not be started: {result.Failure}");
                }

                if (result.TimedOut)
                {
                    return AgentAddResult.NotAdded($"ssh-add did not finish within {timeout.TotalSeconds:0} s and was stopped; the key was not added. Add it later with: ssh-add <key file>");
                }

                if (result.ExitCode == 2)
                {
                    return AgentAddResult.NotAdded("ssh-add could not reach the agent (" + result.StandardError.Trim() + "). " +
                        (environment.IsWindows ? $"In an administrator PowerShell run: {WindowsServiceFix}" : $"Start one in your shell with: {UnixStartCommand}"));
                }

                return result.ExitCode == 0
                    ? AgentAddResult.Success(sshAdd.Path)
                    : AgentAddResult.NotAdded($"ssh-add refused the key (exit {result.ExitCode}): {result.StandardError.Trim()}");
            }
            finally
            {
                Array.Clear(unencrypted, 0, unencrypted.Length);
            }
        }

        // The agent WhyUnreachable checked; ssh-add must never prompt (no askpass window, no tty).
        private Dictionary<string, string?> SshAddVariables() => new Dictionary<string, string?>
        {
            ["SSH_AUTH_SOCK"] = environment.GetEnvironmentVariable("SSH_AUTH_SOCK"),
            ["SSH_ASKPASS_REQUIRE"] = "never",
            ["DISPLAY"] = null,
        };
    }
}
