using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The stages of Test-EspriConnection (same engine) for the report's host. It runs in the
    /// background while ssh -vvv makes its own attempt, both inside the one -TimeoutSec budget, and
    /// never writes known_hosts nor asks for a passphrase; the agent's keys are used as ssh uses them.
    /// When the caller has just tested with the user (Start-EspriSetup), those results are described
    /// instead: the report says what the user saw, and nothing is tested (or asked) a second time.
    /// </summary>
    internal static class ConnectionStagesSection
    {
        // After the budget, how long we still wait for the engine to notice its cancellation.
        private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

        public static void Start(ReportContext context)
        {
            if (context.Request.NoConnectionTest || context.Request.SeenConnection != null)
            {
                return;
            }

            ConnectionPlan? plan = ConnectionPlanning.PlanFor(context);
            if (plan == null)
            {
                return;
            }

            TimeSpan budget = context.NetworkTimeLeft();
            plan.Timeout = budget;
            plan.AcceptNewHostKey = false;
            var cancellation = new CancellationTokenSource(budget);
            SiteProfile site = context.Request.Site;
            context.ConnectionTest = OwnThread.Run(() =>
            {
                using (cancellation)
                {
                    return new ConnectionTester(site, agent: new SshAgent(context.Request.ToolEnvironment)).Run(plan, cancellation.Token);
                }
            }, "connection test");
        }

        public static ReportSection Collect(ReportContext context)
        {
            SeenConnection? seen = context.Request.SeenConnection;
            if (seen != null)
            {
                var told = new ReportSection($"The connection test {seen.By} made with you, at {seen.At:HH:mm:ss} (what you saw)");
                foreach (ConnectionTestResult each in seen.Results)
                {
                    Describe(context, told, each, "The connection test of " + seen.By);
                }

                return told;
            }

            var section = new ReportSection($"Test-EspriConnection stages for {context.Request.HostName}");
            if (context.Request.NoConnectionTest)
            {
                return section.Line("Skipped (-NoConnectionTest).");
            }

            Task<ConnectionTestResult>? test = context.ConnectionTest;
            if (test == null)
            {
                context.Add(new Finding("ConnectionNotTested", FindingSeverity.Warning,
                    "The connection could not be planned: " + context.PlanError, "Correct the problem named, then make the report again.", context.Request.HostName));
                return section.Line("Not run: " + context.PlanError);
            }

            ConnectionTestResult? result = Finish(test, context.NetworkTimeLeft() + Grace, out string? notFinished);
            if (result == null)
            {
                context.Add(new Finding("ConnectionTestTimedOut", FindingSeverity.Error,
                    $"The connection test to {context.Request.HostName} {notFinished}.",
                    "Check the network/VPN and the host name; run again with a larger -TimeoutSec if the link is slow.", context.Request.HostName));
                return section.Line("Not finished: " + notFinished + ".");
            }

            Describe(context, section, result, "Test-EspriConnection");
            return section;
        }

        /// <summary>One test's stages, and the findings its failure and warnings make.</summary>
        private static void Describe(ReportContext context, ReportSection section, ConnectionTestResult result, string test)
        {
            section.Field("Target", result.User + "@" + result.HostName + (result.Via == null ? "" : " via " + result.Via));
            section.Field("Result", (result.Succeeded ? "logged in" : $"failed at {result.FailedStage} on {result.FailedHost}") + $" ({result.Duration.TotalSeconds:0.0} s)");
            if (result.Reason != null)
            {
                section.Field("Reason", result.Reason);
            }

            if (result.Hint != null)
            {
                section.Field("Hint", result.Hint);
            }

            foreach (ConnectionStage stage in result.Stages)
            {
                section.Line($"[{stage.Status,-7}] {stage.Host} {stage.Name} ({stage.Duration.TotalMilliseconds:0} ms): {stage.Detail}");
                if (stage.Status == StageStatus.Warning)
                {
                    context.Add(new Finding("ConnectionWarning", FindingSeverity.Warning, $"{stage.Name} on {stage.Host}: {stage.Reason ?? stage.Detail}",
                        stage.Hint ?? "See the stages of Test-EspriConnection in the report.", stage.Host));
                }
            }

            if (!result.Succeeded)
            {
                ConnectionStage? failed = result.Stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
                context.Add(new Finding("ConnectionFailed", FindingSeverity.Error,
                    $"{test} stopped at the {result.FailedStage} stage on {result.FailedHost} ({result.Reason}): {failed?.Detail}",
                    FirstSentence(result.Hint) ?? "See the stages of Test-EspriConnection in the report.", result.FailedHost));
            }
        }

        /// <summary>A finding's fix is one line: the hint's first sentence (the stages keep the whole hint).</summary>
        private static string? FirstSentence(string? text)
        {
            int end = text?.IndexOf(". ", StringComparison.Ordinal) ?? -1;
            return end < 0 ? text : text!.Substring(0, end + 1);
        }

        private static ConnectionTestResult? Finish(Task<ConnectionTestResult> test, TimeSpan wait, out string? notFinished)
        {
            notFinished = null;
            try
            {
                if (test.Wait(wait))
                {
                    return test.Result;
                }

                notFinished = $"did not end within the time budget ({wait.TotalSeconds:0} s)";
            }
            catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
            {
                notFinished = "was stopped when the time budget (-TimeoutSec) ran out";
            }

            return null;
        }
    }
}
