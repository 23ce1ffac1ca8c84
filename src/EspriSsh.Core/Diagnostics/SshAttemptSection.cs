using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// One real, bounded login attempt with ssh's own debug log (ssh -vvv, BatchMode so nothing is
    /// asked, ConnectTimeout and a hard kill so nothing hangs), and the problems that log shows.
    /// </summary>
    internal static class SshAttemptSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            string host = context.Request.HostName;
            var section = new ReportSection($"Login attempt to {host} (ssh -vvv, BatchMode)");
            if (context.Request.NoConnectionTest)
            {
                section.Line("Skipped (-NoConnectionTest).");
                return section;
            }

            if (context.Ssh == null)
            {
                section.Line("Skipped: no ssh client.");
                return section;
            }

            TimeSpan budget = context.NetworkTimeLeft();
            if (budget < TimeSpan.FromSeconds(1))
            {
                section.Line("Skipped: the time budget (-TimeoutSec) was used up by the earlier network stages.");
                context.Add(new Finding("SshAttemptSkipped", FindingSeverity.Warning,
                    "The ssh login attempt was not made: no time was left.", "Run again with a larger -TimeoutSec.", host));
                return section;
            }

            int connectTimeout = Math.Max(1, (int)Math.Floor(budget.TotalSeconds));
            var arguments = new List<string> { "-vvv", "-o", "BatchMode=yes", "-o", "ConnectTimeout=" + connectTimeout.ToString(CultureInfo.InvariantCulture) };
            arguments.AddRange(context.CommonSshArguments());
            arguments.Add("--"); // whatever the host looks like, ssh reads it as the host
            arguments.Add(host);
            arguments.Add("true");
            CommandResult result = ExternalCommand.Run(context.Ssh.Path, arguments, budget);
            section.Field("Command", result.CommandLine);
            section.Field("Result", result.TimedOut
                ? $"stopped after {result.Elapsed.TotalSeconds:0.0} s (no end within the time budget)"
                : $"exit code {result.ExitCode} after {result.Elapsed.TotalSeconds:0.0} s" + (result.ExitCode == 0 ? " (logged in)" : ""));
            if (result.NotFound)
            {
                section.Field("Error", result.Failure);
            }

            section.Line("Log:").Block(result.CombinedOutput.Length == 0 ? "(no output)" : result.CombinedOutput);
            if (result.TimedOut)
            {
                context.Add(new Finding("SshAttemptTimedOut", FindingSeverity.Error,
                    $"ssh to {host} did not finish within {budget.TotalSeconds:0} s (the log shows how far it got).",
                    "Check the network/VPN and the host name; run again with a larger -TimeoutSec if the link is slow.", host));
            }

            foreach (Finding finding in SshLogAnalyzer.Analyze(result.CombinedOutput, host, context.Findings).ToList())
            {
                context.Add(finding);
            }

            return section;
        }
    }
}
