using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Commands
{
    /// <summary>
    /// "Keys replication": installs an existing private key (OpenSSH, PEM, PuTTY .ppk) on this computer
    /// where ssh looks for it (~/.ssh/id_ed25519...), in the OpenSSH format, with its .pub, owner-only,
    /// keeping its passphrase; optionally loads it in the ssh-agent.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "EspriKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KeyInfo))]
    public sealed class InstallEspriKeyCommand : EspriCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        [Parameter]
        public SecureString? Passphrase { get; set; }

        [Parameter]
        public SecureString? NewPassphrase { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        [Parameter]
        public SwitchParameter AddToAgent { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string path in Path)
            {
                TryRun(() => Install(ResolvePath(path)));
            }
        }

        private void Install(string source)
        {
            using Secret? passphrase = ToSecret(Passphrase);
            using Secret? newPassphrase = ToSecret(NewPassphrase);
            var request = new InstallKeyRequest
            {
                Source = source,
                Destination = Destination == null ? null : ResolvePath(Destination),
                SshDirectory = ResolveSshDirectory(SshDirectory),
                Force = Force,
                Passphrase = passphrase,
                NewPassphrase = newPassphrase,
                AddToAgent = AddToAgent,
            };
            WriteTyped(new InstallKeyWorkflow(Interaction, Site).Run(request), "EspriSsh.KeyInfo");
        }
    }
}
