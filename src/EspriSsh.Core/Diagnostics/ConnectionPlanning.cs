using System;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The connection plan Test-EspriConnection would use for the report's host and login (same
    /// builder: config, site profile, defaults), shared by the known_hosts and the stages sections.
    /// </summary>
    internal static class ConnectionPlanning
    {
        public static ConnectionPlan? PlanFor(ReportContext context)
        {
            if (context.Plan != null || context.PlanError != null)
            {
                return context.Plan;
            }

            try
            {
                DebugReportRequest request = context.Request;
                context.Plan = ConnectionPlanBuilder.For(request.Site, new ConnectionTestRequest
                {
                    HostName = request.HostName,
                    User = request.Login,
                    ConfigPath = request.ConfigPath,
                    SshDirectory = request.SshDirectory,
                    Timeout = request.Timeout,
                });
            }
            catch (Exception ex) when (ex is EspriException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                context.PlanError = ex.Message;
            }

            return context.Plan;
        }
    }
}
