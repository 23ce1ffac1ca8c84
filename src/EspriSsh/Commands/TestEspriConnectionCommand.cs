using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Commands
{
    /// <summary>
    /// Tests the way to a host stage by stage (Config, Dns, Tcp, Banner, HostKey, Authentication,
    /// Session) and says what is wrong and what to do. A failed test is a result, not an error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EspriConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ConnectionTestResult), typeof(bool))]
    public sealed class TestEspriConnectionCommand : EspriCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.HostNameCompleter))]
        [Binding.TextFromPipeline("host names (site aliases, names or addresses) or objects with a HostName; to test keys from Get-EspriKey, name the host: Get-EspriKey | Test-EspriConnection <host>", nameof(HostName))]
        public string HostName { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>Keys from Get-EspriKey bind their private key file (Path) here: Get-EspriKey | Test-EspriConnection spirit1.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string[]? IdentityFile { get; set; }

        [Parameter]
        public SecureString? Passphrase { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KnownHostsPath { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 10;

        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                var request = new ConnectionTestRequest
                {
                    HostName = HostName,
                    User = User,
                    Port = Port,
                    IdentityFiles = IdentityFile?.Select(ResolvePath).ToList(),
                    ConfigPath = ConfigPath == null ? null : ResolvePath(ConfigPath),
                    SshDirectory = ResolveSshDirectory(SshDirectory),
                    KnownHostsPath = KnownHostsPath == null ? null : ResolvePath(KnownHostsPath),
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                };
                // Without -Passphrase, one is asked only when the server wants an encrypted key the agent does not hold.
                using Secret? passphrase = ToSecret(Passphrase);
                ConnectionTestResult result = new ConnectionTestWorkflow(Interaction, Site).Run(request, AcceptNewHostKey, passphrase);
                if (Quiet)
                {
                    WriteObject(result.Succeeded);
                }
                else
                {
                    WriteTyped(result, "EspriSsh.ConnectionTestResult");
                }
            });
        }
    }
}
