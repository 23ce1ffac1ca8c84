using System;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Display;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Report step: when the connection fails, Get-EspriDebugReport's workflow writes the support
    /// report (no secret in it) into the current folder, and the step says where to send it. The
    /// report describes the connection test the user has just seen (hops, keys offered, stage,
    /// reason) instead of testing again. A host key the user did not trust is not a support case.
    /// </summary>
    internal static class ReportStep
    {
        public static SetupStep Run(SetupContext ctx, SetupStep connection)
        {
            if (connection.Status != SetupStepStatus.Failed || ctx.FailedHost == null)
            {
                string why = connection.Status == SetupStepStatus.Done ? "Not needed: the connection works."
                    : connection.Status == SetupStepStatus.NeedsYou ? "Not needed: nothing failed, the test stopped at your answer."
                    : "Written only when the connection test fails.";
                return new SetupStep(SetupStepName.Report, SetupStepStatus.Skipped, why);
            }

            SetupRequest request = ctx.Request;
            SupportInfo support = ctx.Site.Support;
            string path = DebugReportWorkflow.DefaultPath(ctx.Site, request.ReportDirectory);
            var report = new DebugReportRequest(ctx.Site)
            {
                HostName = ctx.FailedHost, // the logins are the aliases' (Jean Zay's is not the head node's)
                SshDirectory = request.SshDirectory,
                ConfigPath = request.ConfigPath,
                Timeout = request.Timeout,
                SeenConnection = new SeenConnection("Start-EspriSetup", ctx.ConnectionResults.ToArray(), DateTimeOffset.Now),
                PowerShellEdition = request.PowerShellEdition,
                PowerShellVersion = request.PowerShellVersion,
                PowerShellHost = request.PowerShellHost,
            };
            // An earlier report there is replaced (kept as .bak): running again after a fix is the normal case.
            DebugReportPlan plan = DebugReportWorkflow.Plan(report, path, force: false);
            if (!DebugReportWorkflow.Describe(plan).ApprovedBy(ctx.Ui))
            {
                return new SetupStep(SetupStepName.Report, SetupStepStatus.Skipped, $"Would write the support report {UntrustedText.Quoted(path)}.",
                    "Run Start-EspriSetup -TestConnection without -WhatIf to write it.");
            }

            DebugReport written = new DebugReportWorkflow(ctx.Ui).Execute(plan);
            ctx.ReportPath = written.Path ?? path;
            string location = written.Location == null ? "" : $" ({written.Location})";
            return new SetupStep(SetupStepName.Report, SetupStepStatus.Done, $"Wrote the support report '{ctx.ReportPath}'{location}: it holds no secret.",
                $"Send it to {support.Address}, subject '{support.ReportSubject}'.");
        }
    }
}
