using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Display;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Report step: when the connection fails, Get-EspriDebugReport's engine writes the support
    /// report (no secret in it) into the current folder, and the step says where to send it.
    /// </summary>
    internal static class ReportStep
    {
        public static SetupStep Run(SetupContext ctx, SetupStep connection)
        {
            if (connection.Status != SetupStepStatus.Failed || ctx.FailedHost == null)
            {
                string why = connection.Status == SetupStepStatus.Done ? "Not needed: the connection works." : "Written only when the connection test fails.";
                return new SetupStep(SetupStepName.Report, SetupStepStatus.Skipped, why);
            }

            SetupRequest request = ctx.Request;
            SupportInfo support = ctx.Site.Support;
            string path = DebugReportWorkflow.DefaultPath(ctx.Site, request.ReportDirectory);
            var report = new DebugReportRequest(ctx.Site)
            {
                Login = ctx.User,
                HostName = ctx.FailedHost,
                SshDirectory = request.SshDirectory,
                ConfigPath = request.ConfigPath,
                Timeout = request.Timeout,
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
