using System;
using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Files;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Workflows.Setup;

namespace EspriSsh.Commands
{
    /// <summary>
    /// The site's whole SSH-key page in one command: finds where the user stands (key, public line,
    /// config, agent, connection) and does only what is missing; safe to run again.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "EspriSetup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SetupResult))]
    public sealed class StartEspriSetupCommand : EspriCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JeanZayUser { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.HeadNodeCompleter))]
        public string? HeadNode { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FromKey { get; set; }

        [Parameter]
        public SecureString? Passphrase { get; set; }

        [Parameter]
        public SwitchParameter TestConnection { get; set; }

        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 10;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                using Secret? passphrase = ToSecret(Passphrase);
                PowerShellInfo powerShell = PowerShellInfo.Of(this);
                var request = new SetupRequest
                {
                    User = User,
                    JeanZayUser = JeanZayUser,
                    HeadNode = HeadNode,
                    KeyPath = KeyPath == null ? null : ResolvePath(KeyPath),
                    FromKey = FromKey == null ? null : ResolvePath(FromKey),
                    Passphrase = passphrase,
                    TestConnection = TestConnection,
                    AcceptNewHostKey = AcceptNewHostKey,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    SshDirectory = ResolveSshDirectory(SshDirectory),
                    ConfigPath = ConfigPath == null ? null : ResolvePath(ConfigPath),
                    HomeDirectory = HostPlatform.HomeDirectory,
                    ReportDirectory = CurrentFolder,
                    PowerShellEdition = powerShell.Edition,
                    PowerShellVersion = powerShell.Version,
                    PowerShellHost = powerShell.Host,
                };
                var workflow = new SetupWorkflow(Interaction, Site, PowerShellClipboard.For(this));
                WriteTyped(workflow.Run(request), "EspriSsh.SetupResult");
            });
        }
    }
}
