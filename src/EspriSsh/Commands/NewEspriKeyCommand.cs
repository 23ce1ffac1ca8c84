using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Commands
{
    /// <summary>
    /// Makes the SSH key pair the site asks for (ED25519, passphrase, ~/.ssh/id_ed25519), written like
    /// ssh-keygen writes it, and shows the public line to paste in the account form.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EspriKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = WithPassphraseSet)]
    [OutputType(typeof(KeyInfo))]
    public sealed class NewEspriKeyCommand : EspriCmdlet
    {
        private const string WithPassphraseSet = "WithPassphrase";
        private const string NoPassphraseSet = "NoPassphrase";

        // A string, not the core's NewKeyType: PowerShell reflects parameter types while importing,
        // before the module initializer can route EspriSsh.Core to its private load context.
        [Parameter]
        [ValidateSet(nameof(NewKeyType.Ed25519), nameof(NewKeyType.Rsa), nameof(NewKeyType.Dsa), nameof(NewKeyType.Ecdsa), IgnoreCase = true)]
        public string Type { get; set; } = nameof(NewKeyType.Ed25519);

        [Parameter]
        [ValidateRange(256, 16384)]
        public int Bits { get; set; }

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter(ParameterSetName = WithPassphraseSet)]
        public SecureString? Passphrase { get; set; }

        [Parameter(ParameterSetName = NoPassphraseSet, Mandatory = true)]
        public SwitchParameter NoPassphrase { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string? Comment { get; set; }

        [Parameter]
        [ValidateRange(1, OpenSshPrivateKeyWriter.MaxRounds)]
        public int Rounds { get; set; } = OpenSshPrivateKeyWriter.DefaultRounds;

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                var request = new KeyCreationRequest
                {
                    Type = (NewKeyType)System.Enum.Parse(typeof(NewKeyType), Type, ignoreCase: true),
                    Bits = MyInvocation.BoundParameters.ContainsKey(nameof(Bits)) ? Bits : (int?)null,
                    Path = Path == null ? null : ResolvePath(Path),
                    SshDirectory = ResolveSshDirectory(SshDirectory),
                    Comment = Comment,
                    Rounds = Rounds,
                    Force = Force,
                };
                using Secret? given = ToSecret(Passphrase);
                WriteTyped(new NewKeyWorkflow(Interaction, Site).Run(request, PassphraseChoice.From(given, NoPassphrase)), "EspriSsh.KeyInfo");
            });
        }
    }
}
