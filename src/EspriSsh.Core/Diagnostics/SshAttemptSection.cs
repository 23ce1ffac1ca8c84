using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// One real, bounded login attempt with ssh's own debug log, made so that no host of the way can
    /// ask anything (the attempt config, handed with -F to every ProxyJump hop) and with a log per
    /// host: the final host's in its own file (-E, which the hops do not inherit), the jump hosts' on
    /// stderr. The findings are read host by host from the logs printed here.
    /// </summary>
    internal static class SshAttemptSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            string host = context.Request.HostName;
            var section = new ReportSection($"Login attempt to {host} (ssh -vvv, asking nothing on any host of the way)");
            if (context.Request.NoConnectionTest || context.Request.SeenConnection != null)
            {
                return section.Line(context.Request.NoConnectionTest ? "Skipped (-NoConnectionTest)." : SeenConnection.NotRunAgain);
            }

            ReportSshConfig? config = context.SshConfig;
            if (context.Ssh == null || config == null)
            {
                return section.Line("Skipped: no ssh client.");
            }

            TimeSpan budget = context.NetworkTimeLeft();
            if (budget < TimeSpan.FromSeconds(1))
            {
                section.Line("Skipped: the time budget (-TimeoutSec) was used up by the earlier network stages.");
                context.Add(new Finding("SshAttemptSkipped", FindingSeverity.Warning,
                    "The ssh login attempt was not made: no time was left.", "Run again with a larger -TimeoutSec.", host));
                return section;
            }

            string attempt = config.Attempt(Math.Max(1, (int)Math.Floor(budget.TotalSeconds)));
            var arguments = new List<string> { "-vvv", "-E", config.TargetLog };
            arguments.AddRange(context.SshArguments(attempt));
            arguments.Add("--"); // whatever the host looks like, ssh reads it as the host
            arguments.Add(host);
            arguments.Add("true");
            // No prompt window either (ssh-askpass), whatever the session has.
            var environment = new Dictionary<string, string?> { ["SSH_ASKPASS_REQUIRE"] = "never", ["DISPLAY"] = null };
            CommandResult result = ExternalCommand.Run(context.Ssh.Path, arguments, budget, environment);
            section.Field("Command", result.CommandLine);
            section.Line($"The config given with -F ({attempt}, removed after the report):").Block(File.ReadAllText(attempt));
            section.Field("Result", result.TimedOut
                ? $"stopped after {result.Elapsed.TotalSeconds:0.0} s (no end within the time budget)"
                : $"exit code {result.ExitCode} after {result.Elapsed.TotalSeconds:0.0} s" + (result.ExitCode == 0 ? " (logged in)" : ""));
            if (result.NotFound)
            {
                section.Field("Error", result.Failure);
            }

            IReadOnlyList<SshHopLog> logs = Logs(context, config, result);
            foreach (SshHopLog log in logs)
            {
                section.Line(log.IsTarget ? $"ssh's log for {log.Host}:" : $"ssh's log for the jump host {log.Host} (an ssh of its own, started with the same -F and -vvv):")
                    .Block(log.Lines.Count == 0 || (log.Lines.Count == 1 && log.Lines[0].Length == 0) ? "(no output)" : string.Join("\n", log.Lines));
            }

            if (result.TimedOut)
            {
                context.Add(new Finding("SshAttemptTimedOut", FindingSeverity.Error,
                    $"ssh to {host} did not finish within {budget.TotalSeconds:0} s (the logs show how far it got).",
                    "Check the network/VPN and the host name; run again with a larger -TimeoutSec if the link is slow.", host));
            }

            foreach (Finding finding in SshLogAnalyzer.Analyze(logs, context.Findings).ToList())
            {
                context.Add(finding);
            }

            return section;
        }

        /// <summary>The jump hosts' logs (stderr) in the order ssh reaches them, then the final host's (its -E file).</summary>
        private static IReadOnlyList<SshHopLog> Logs(ReportContext context, ReportSshConfig config, CommandResult result)
        {
            ConnectionPlan? plan = ConnectionPlanning.PlanFor(context);
            List<string> jumps = plan?.Jumps.Select(j => j.Alias).ToList() ?? new List<string>();
            string target = File.Exists(config.TargetLog) ? File.ReadAllText(config.TargetLog) : "";
            string other = result.CombinedOutput;
            var logs = new List<SshHopLog>();
            if (jumps.Count > 0)
            {
                logs.AddRange(SshHopLog.Jumps(other, jumps));
            }
            else
            {
                target = other.Trim().Length == 0 ? target : target + "\n" + other; // without a jump, anything on stderr is the one ssh's
            }

            logs.Add(new SshHopLog(context.Request.HostName, SshHopLog.SplitLines(target), isTarget: true));
            return logs;
        }
    }
}
