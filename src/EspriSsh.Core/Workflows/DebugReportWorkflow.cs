using System.IO;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Get-EspriDebugReport, and Start-EspriSetup's Report step: <see cref="Plan"/> refuses early a
    /// file that is not an earlier report (unless forced), <see cref="Describe"/> is what the user
    /// confirms, <see cref="Execute"/> collects (the slow part) and writes.
    /// </summary>
    public sealed class DebugReportWorkflow
    {
        private readonly IUserInteraction ui;

        public DebugReportWorkflow(IUserInteraction ui) => this.ui = ui;

        /// <summary>Where the report goes by default: the site's file name in <paramref name="folder"/> (the current folder).</summary>
        public static string DefaultPath(SiteProfile site, string folder) => System.IO.Path.Combine(folder, site.Support.ReportFileName);

        /// <summary>Throws FileExists for a file that is not a report, unless <paramref name="force"/>.</summary>
        public static DebugReportPlan Plan(DebugReportRequest request, string path, bool force) =>
            new DebugReportPlan(request, path, force, DebugReportBuilder.EnsureCanWrite(path, force));

        public static PlannedChange Describe(DebugReportPlan plan) => new PlannedChange(plan.Path,
            plan.ReplacesExisting ? "Write the ssh support report (the file there now is kept as .bak)" : "Write the ssh support report");

        public DebugReport Execute(DebugReportPlan plan)
        {
            DebugReportRequest request = plan.Request;
            ui.Verbose($"Collecting the support report for {request.HostName} (network stages bounded by {request.Timeout.TotalSeconds:0} s)...");
            DebugReport report = DebugReportBuilder.Build(request);
            DebugReportBuilder.Write(report, plan.Path, plan.Force);
            return report;
        }

        /// <summary>The report written at <paramref name="path"/>, and where to send it said; null when the user declined.</summary>
        public DebugReport? Run(DebugReportRequest request, string path, bool force)
        {
            DebugReportPlan plan = Plan(request, path, force);
            if (!Describe(plan).ApprovedBy(ui))
            {
                return null;
            }

            DebugReport report = Execute(plan);
            SupportInfo support = request.Site.Support;
            // Said like Write-Host (and silenced with 6>$null): the user must learn where the file is and where it goes.
            ui.Inform($"Report written to {report.Path}{(report.Location == null ? "" : " (" + report.Location + ")")}.");
            ui.Inform($"Send it to {support.Address}, subject '{support.ReportSubject}'.");
            return report;
        }
    }
}
