using System;
using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Commands
{
    /// <summary>
    /// PuTTY/MobaXterm .ppk keys to OpenSSH (and any key the engine reads to PPK v3), in one step,
    /// with the passphrase kept unless told otherwise, New-EspriKey's overwrite rules, and optionally
    /// the result added to ssh-agent.
    /// </summary>
    [Cmdlet(VerbsData.Convert, "PpkKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SamePassphraseSet)]
    [OutputType(typeof(KeyInfo))]
    public sealed class ConvertPpkKeyCommand : EspriCmdlet
    {
        private const string SamePassphraseSet = "SamePassphrase";
        private const string NewPassphraseSet = "NewPassphrase";
        private const string NoPassphraseSet = "NoPassphrase";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        [Parameter]
        public SecureString? Passphrase { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NewPassphraseSet)]
        public SecureString? NewPassphrase { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NoPassphraseSet)]
        public SwitchParameter NoPassphrase { get; set; }

        // A string, not the core enum: a core type in a parameter loads EspriSsh.Core at import,
        // before the module initializer can route it to its private load context.
        [Parameter]
        [ValidateSet(nameof(KeyOutputFormat.OpenSsh), nameof(KeyOutputFormat.Ppk), IgnoreCase = true)]
        public string? OutputFormat { get; set; }

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
                TryRun(() => Convert(ResolvePath(path)));
            }
        }

        private void Convert(string source)
        {
            var request = new KeyConversionRequest
            {
                SourcePath = source,
                Destination = Destination == null ? null : ResolvePath(Destination),
                SshDirectory = ResolveSshDirectory(SshDirectory),
                OutputFormat = OutputFormat == null ? (KeyOutputFormat?)null : (KeyOutputFormat)Enum.Parse(typeof(KeyOutputFormat), OutputFormat, ignoreCase: true),
                Force = Force,
            };
            using Secret? passphrase = ToSecret(Passphrase);
            using Secret? newPassphrase = ToSecret(NewPassphrase);
            PassphraseChoice? choice = ParameterSetName == SamePassphraseSet ? null : PassphraseChoice.From(newPassphrase, NoPassphrase);
            WriteTyped(new ConvertKeyWorkflow(Interaction, Site).Run(request, passphrase, choice, AddToAgent), "EspriSsh.KeyInfo");
        }
    }
}
