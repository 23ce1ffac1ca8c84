using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Get-EspriDebugReport from request to file: refuse early a file that is not an earlier report
    /// (unless forced), confirm, collect (the slow part), write. Start-EspriSetup's Report step is the
    /// same call.
    /// </summary>
    public sealed class DebugReportWorkflow
    {
        private readonly IUserInteraction ui;

        public DebugReportWorkflow(IUserInteraction ui) => this.ui = ui;

        /// <summary>The report written at <paramref name="path"/>; null when the user declined.</summary>
        public DebugReport? Write(DebugReportRequest request, string path, bool force)
        {
            bool replaces = DebugReportBuilder.EnsureCanWrite(path, force);
            if (!ui.ShouldProcess(path, replaces ? "Write the ssh support report (the file there now is kept as .bak)" : "Write the ssh support report"))
            {
                return null;
            }

            ui.Verbose($"Collecting the support report for {request.HostName} (network stages bounded by {request.Timeout.TotalSeconds:0} s)...");
            DebugReport report = DebugReportBuilder.Build(request);
            DebugReportBuilder.Write(report, path, force);
            return report;
        }
    }
}
