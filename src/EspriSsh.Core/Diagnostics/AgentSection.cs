using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Which agent answers (named by what it is) and the fingerprints it holds (asked with our own agent
    /// client), the keys it lists that cannot be used, then what the user's `ssh-add -l` sees when it is
    /// installed: nothing else of the agent enters the report. Agent text (comments) is escaped, and an
    /// agent with thousands of keys gives a count and the first few, never thousands of lines.
    /// </summary>
    internal static class AgentSection
    {
        private const int KeysListed = 20;

        public static ReportSection Collect(ReportContext context)
        {
            var section = new ReportSection("ssh agent");
            IToolEnvironment environment = context.Request.ToolEnvironment;
            string? socket = environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
            section.Field("SSH_AUTH_SOCK", string.IsNullOrEmpty(socket) ? "(not set)" : socket);
            AgentStatus status = context.AgentStatus;
            string fix = environment.IsWindows
                ? $"In an administrator PowerShell: {AgentAdvice.WindowsServiceFix} (or start Pageant)"
                : AgentAdvice.UnixStartCommand;
            if (!status.Reachable)
            {
                section.Field("Agent", "not reachable: " + status.Problem);
                context.Add(new Finding("AgentNotReachable", FindingSeverity.Info,
                    "No SSH agent answers: ssh asks for your key's passphrase at every login (this does not stop a login). " + status.Problem, fix));
            }
            else
            {
                section.Field("Agent", "reachable: " + status.Agent);
                section.Line($"Keys it holds (fingerprints): {status.Identities!.Count}")
                    .Block(status.Identities.Count == 0 ? "(none)" : string.Join("\n", ShortList.Take(status.Identities.Select(i => UntrustedText.Escape(i.ToString())).ToList(), KeysListed)));
                if (status.KeyProblems.Count > 0)
                {
                    section.Line($"Keys it lists that cannot be used: {status.KeyProblems.Count}").Block(string.Join("\n", ShortList.Take(status.KeyProblems, KeysListed)));
                    string? rejected = status.Identities.WhySshRejectsIt;
                    context.Add(new Finding("AgentKeyInvalid", rejected == null ? FindingSeverity.Info : FindingSeverity.Warning,
                        rejected == null ? status.KeyProblems[0] : rejected + ".",
                        "Remove the damaged key from the agent (ssh-add -d <its file>), or restart the agent and add your keys again."));
                }
                if (status.Identities.Count == 0)
                {
                    context.Add(new Finding("AgentEmpty", FindingSeverity.Info,
                        $"{status.Agent} answers but lists no key: it is empty, or locked (ssh-add -x); ssh asks for the passphrase at each login.",
                        "Add your key once per session: ssh-add <your key file> (or Install-EspriKey -AddToAgent); if you locked the agent: ssh-add -X"));
                }
            }

            AddSshAddView(context, section, status);
            return section;
        }

        /// <summary>What the OpenSSH tools see: on Windows they may use another agent than Pageant.</summary>
        private static void AddSshAddView(ReportContext context, ReportSection section, AgentStatus status)
        {
            CommandResult? list = new SshAgent(context.Request.ToolEnvironment).SshAddListing();
            if (list == null)
            {
                return;
            }

            List<string> lines = WithCommentsEscaped(list.CombinedOutput, status).Trim().Split('\n').Where(l => l.Length > 0).Select(l => UntrustedText.Escape(l.TrimEnd('\r'))).ToList();
            section.Line("What ssh sees (" + list.CommandLine + "):").Block(lines.Count == 0 ? "(no output, exit code " + list.ExitCode + ")" : string.Join("\n", ShortList.Take(lines, KeysListed)));
            bool sshAddAnswered = list.ExitCode == 0 || list.ExitCode == 1; // 1: no key; 2: no agent
            if (!status.Reachable)
            {
                return;
            }

            var ours = new HashSet<string>(status.Identities!.Select(i => i.Fingerprint), StringComparer.Ordinal);
            var theirs = new HashSet<string>(list.ExitCode == 0 ? FingerprintsIn(list.StandardOutput) : Enumerable.Empty<string>(), StringComparer.Ordinal);
            if (!sshAddAnswered || !ours.SetEquals(theirs))
            {
                context.Add(new Finding("AgentDiffersFromSsh", FindingSeverity.Info,
                    $"ssh-add does not see the keys of {status.Agent}: your OpenSSH tools use another agent (on Windows, the ssh-agent service rather than Pageant).",
                    "Add the key to the agent your ssh uses too: ssh-add <your key file>"));
            }
        }

        /// <summary>
        /// ssh-add prints each key's comment as the agent holds it: a comment with a line break in it
        /// would start a line of its own in the block (a forged listing line or finding). Each comment
        /// the agent gave us is put back on its key's line, escaped. The output was read line by line
        /// (CR, LF and CR LF each ended a line, then joined with LF), so the comment is looked for as
        /// it came out of that reading.
        /// </summary>
        private static string WithCommentsEscaped(string output, AgentStatus status)
        {
            foreach (string comment in (status.Identities ?? (IEnumerable<AgentIdentity>)Array.Empty<AgentIdentity>()).Select(i => i.SentComment).Where(c => !UntrustedText.IsSafe(c)))
            {
                output = output.Replace(comment.Replace("\r\n", "\n").Replace('\r', '\n'), UntrustedText.Escape(comment));
            }

            return output;
        }

        // "256 SHA256:abc... comment (ED25519)"
        private static IEnumerable<string> FingerprintsIn(string sshAddOutput) => sshAddOutput.Split('\n')
            .Select(line => line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 1 && fields[1].StartsWith("SHA256:", StringComparison.Ordinal))
            .Select(fields => fields[1]);
    }
}
