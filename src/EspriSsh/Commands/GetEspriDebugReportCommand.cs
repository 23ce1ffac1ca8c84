using System;
using System.Management.Automation;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Commands
{
    /// <summary>Writes ssh-debug4support.txt: everything support needs to see why a login fails, and no secret.</summary>
    [Cmdlet(VerbsCommon.Get, "EspriDebugReport", SupportsShouldProcess = true)]
    [OutputType(typeof(DebugReport))]
    public sealed class GetEspriDebugReportCommand : EspriCmdlet
    {
        /// <summary>The ESPRI login (what you type before @ in ssh login@spirit1).</summary>
        [Parameter(Position = 0)]
        [Alias("Login")]
        [ValidatePattern(@"^[A-Za-z0-9._-]+$")]
        public string? User { get; set; }

        /// <summary>The host (site alias or name) the report tests; default: the site's default head node.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.HostNameCompleter))]
        public string? HostName { get; set; }

        /// <summary>Where to write the report (default ./ssh-debug4support.txt).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        [Parameter]
        public SwitchParameter NoConnectionTest { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 15;

        [Parameter]
        public SwitchParameter Anonymize { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            TryRun(() =>
            {
                PowerShellInfo powerShell = PowerShellInfo.Of(this);
                var request = new DebugReportRequest(Site)
                {
                    Login = User,
                    HostName = HostName ?? Site.DefaultHeadNode,
                    SshDirectory = ResolveSshDirectory(SshDirectory),
                    ConfigPath = ConfigPath == null ? null : ResolvePath(ConfigPath),
                    NoConnectionTest = NoConnectionTest,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    Anonymize = Anonymize,
                    PowerShellEdition = powerShell.Edition,
                    PowerShellVersion = powerShell.Version,
                    PowerShellHost = powerShell.Host,
                };
                string path = OutFile == null ? DebugReportWorkflow.DefaultPath(Site, CurrentFolder) : ResolvePath(OutFile);
                WriteTyped(new DebugReportWorkflow(Interaction).Run(request, path, Force), "EspriSsh.DebugReport");
            });
        }
    }
}
