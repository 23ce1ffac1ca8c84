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
    /// far, the ssh that would run and the options every ssh call gets, and the network deadline.
    /// </summary>
    internal sealed class ReportContext
    {
        // Local commands (ssh -V, ssh -G, ls) answer at once; this only stops a broken one.
        internal static readonly TimeSpan LocalCommandLimit = TimeSpan.FromSeconds(10);

        private DateTime? networkDeadline;
        private Agent.AgentStatus? agentStatus;

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

        /// <summary>True when ssh is given -F (then it skips the system-wide ssh_config).</summary>
        public bool PassesConfigToSsh => ConfigToPass() != null;

        /// <summary>The agent and its keys, asked once for the whole report (agent and key sections).</summary>
        public Agent.AgentStatus AgentStatus => agentStatus ??= new Agent.SshAgent(Request.ToolEnvironment).Probe();

        public void Add(Finding finding) => Findings.Add(finding);

        /// <summary>
        /// -F and -l for every ssh call. -F only when the config differs from the one ssh reads by
        /// default (-ConfigPath, another ssh folder through -SshDirectory or ESPRISSH_HOME): -F also
        /// drops the system-wide ssh_config, which would change what we observe.
        /// </summary>
        public IEnumerable<string> CommonSshArguments()
        {
            string? config = ConfigToPass();
            if (config != null)
            {
                yield return "-F";
                yield return config;
            }

            if (!string.IsNullOrEmpty(Request.Login))
            {
                yield return "-l";
                yield return Request.Login!;
            }
        }

        private string? ConfigToPass()
        {
            if (Request.ConfigPath != null)
            {
                return Request.ConfigPath;
            }

            string defaultDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
            string inSshDirectory = SshDirectory.ConfigFile(Request.SshDirectory);
            bool sameAsDefault = string.Equals(Path.GetFullPath(Request.SshDirectory).TrimEnd(Path.DirectorySeparatorChar),
                Path.GetFullPath(defaultDirectory).TrimEnd(Path.DirectorySeparatorChar),
                HostPlatform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            if (sameAsDefault)
            {
                return null;
            }

            // Another ssh folder without a config: ssh must read none, not the user's own ~/.ssh/config.
            return File.Exists(inSshDirectory) ? inSshDirectory : "none";
        }

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
