using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// State shared by the report's sections while they are collected: the request, the findings so
    /// far, the ssh that would run and the configs every ssh call gets, and the network deadline.
    /// </summary>
    internal sealed class ReportContext : IDisposable
    {
        // Local commands (ssh -V, ssh -G, ls) answer at once; this only stops a broken one.
        internal static readonly TimeSpan LocalCommandLimit = TimeSpan.FromSeconds(10);

        private DateTime? networkDeadline;
        private Agent.AgentStatus? agentStatus;
        private ReportSshConfig? sshConfig;

        public ReportContext(DebugReportRequest request)
        {
            Request = request;
            Locator = new SshToolLocator(request.ToolEnvironment);
            Ssh = Locator.Find("ssh");
        }

        public DebugReportRequest Request { get; }

        public SshToolLocator Locator { get; }

        /// <summary>The ssh the user's shell would run; null when none is installed.</summary>
        public SshToolLocation? Ssh { get; }

        public List<Finding> Findings { get; } = new List<Finding>();

        /// <summary>ssh -G's answer for the host (keys lower-case, several values for identityfile...).</summary>
        public Dictionary<string, List<string>> EffectiveSettings { get; } = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>EspriSsh's own reading of the config for the host; null when it could not be read.</summary>
        public Config.ResolvedHostConfig? Resolved { get; set; }

        /// <summary>Test-EspriConnection's plan for the host (null until planned, or when it cannot be).</summary>
        public Connection.ConnectionPlan? Plan { get; set; }

        /// <summary>Why no plan could be made.</summary>
        public string? PlanError { get; set; }

        /// <summary>The connection test running in the background beside ssh -vvv.</summary>
        public System.Threading.Tasks.Task<Connection.ConnectionTestResult>? ConnectionTest { get; set; }

        /// <summary>The configs the report's ssh runs read (-F); null when there is no ssh. Made once, removed by Dispose.</summary>
        public ReportSshConfig? SshConfig => Ssh == null ? null : sshConfig ??= ReportSshConfig.Create(Request, ConfigFile, ConnectionPlanning.PlanFor(this), Ssh.Path);

        /// <summary>The agent and its keys, asked once for the whole report (agent and key sections).</summary>
        public Agent.AgentStatus AgentStatus => agentStatus ??= new Agent.SshAgent(Request.ToolEnvironment).Probe();

        public void Add(Finding finding) => Findings.Add(finding);

        /// <summary>-F <paramref name="config"/> (a config of <see cref="SshConfig"/>) and -l for every ssh call.</summary>
        public IEnumerable<string> SshArguments(string config)
        {
            yield return "-F";
            yield return config;
            if (!string.IsNullOrEmpty(Request.Login))
            {
                yield return "-l";
                yield return Request.Login!;
            }
        }

        public void Dispose() => sshConfig?.Dispose();

        /// <summary>The config file the report looks at (given, or the ssh directory's).</summary>
        public string ConfigFile => SshDirectory.ConfigFile(Request.SshDirectory, Request.ConfigPath);

        /// <summary>Time left for network work; the clock starts at the first network stage.</summary>
        public TimeSpan NetworkTimeLeft()
        {
            networkDeadline ??= DateTime.UtcNow + Request.Timeout;
            TimeSpan left = networkDeadline.Value - DateTime.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
}
