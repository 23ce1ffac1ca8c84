using System;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

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
                string? configPath = context.Request.ConfigPath;
                var builder = new ConnectionPlanBuilder(context.Request.Site,
                    HostConfigSource.For(configPath, context.Request.SshDirectory), context.Request.SshDirectory, Environment.UserName);
                context.Plan = builder.Build(context.Request.HostName, new HostSettings { User = context.Request.Login }, null);
            }
            catch (Exception ex) when (ex is EspriException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                context.PlanError = ex.Message;
            }

            return context.Plan;
        }
    }
}
