using System;
using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Whether an ssh-agent is reachable (on Windows, the state of its service) and the fingerprints
    /// it holds (`ssh-add -l`): nothing else of the agent ever enters the report.
    /// </summary>
    internal static class AgentSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            var section = new ReportSection("ssh agent");
            var agent = new SshAgent(context.Request.ToolEnvironment, timeout: ReportContext.LocalCommandLimit);
            string? why = agent.WhyUnreachable();
            string? socket = context.Request.ToolEnvironment.GetEnvironmentVariable("SSH_AUTH_SOCK");
            section.Field("SSH_AUTH_SOCK", string.IsNullOrEmpty(socket) ? "(not set)" : socket);
            if (why != null)
            {
                section.Field("Agent", "not reachable: " + why);
                context.Add(new Finding("AgentNotReachable", FindingSeverity.Info,
                    "No ssh-agent is reachable: ssh asks for your key's passphrase at every login (this does not stop a login).",
                    FixOf(why)));
                return section;
            }

            CommandResult? list = agent.ListKeys();
            if (list == null)
            {
                section.Field("Agent", "ssh-add not found: cannot list the keys it holds");
                return section;
            }

            section.Field("Command", list.CommandLine);
            string output = list.CombinedOutput.Trim();
            if (list.ExitCode == 0 || list.ExitCode == 1)
            {
                section.Field("Agent", "reachable");
                section.Line("Keys it holds (fingerprints):").Block(output.Length == 0 ? "(none)" : output);
                if (list.ExitCode == 1)
                {
                    context.Add(new Finding("AgentEmpty", FindingSeverity.Info,
                        "The ssh-agent runs but holds no key: ssh asks for the passphrase at each login.",
                        "Add your key once per session: ssh-add (or ssh-add <your key file>)."));
                }
            }
            else
            {
                section.Field("Agent", "not answering: " + (output.Length > 0 ? output : list.Failure ?? "exit code " + list.ExitCode));
                context.Add(new Finding("AgentNotAnswering", FindingSeverity.Warning,
                    $"ssh-add -l could not talk to the agent ({(output.Length > 0 ? output.Split('\n').First().Trim() : list.Failure)}).",
                    context.Request.ToolEnvironment.IsWindows ? SshAgent.WindowsServiceFix : "Start a new agent in your shell: " + SshAgent.UnixStartCommand));
            }

            return section;
        }

        /// <summary>The agent's own explanations end with the command to run; keep that as the one-line fix.</summary>
        private static string FixOf(string why)
        {
            foreach (string marker in new[] { "run: ", "with: " })
            {
                int at = why.LastIndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return why.Substring(at + marker.Length).TrimEnd('.');
                }
            }

            return why;
        }
    }
}
