using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;

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

        // Below this many KDF rounds the key is ready before a progress bar would be seen.
        private const int ProgressRoundsThreshold = 64;

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
                KeyCreationPlan plan = KeyCreationService.Plan(request, SiteProfileLoader.Current);
                foreach (string warning in plan.Warnings)
                {
                    WriteWarning(warning);
                }

                string action = plan.ReplacesExisting
                    ? $"Replace the key pair (the old files are kept as .bak) with a new {plan.Type} key"
                    : $"Create a new {plan.Type} key pair (and {plan.PublicKeyPath})";
                if (!ShouldProcess(plan.Path, action))
                {
                    return;
                }

                using Secret? given = ToSecret(Passphrase);
                PassphraseChoice choice = NoPassphrase ? PassphraseChoice.None : given != null ? PassphraseChoice.Given(given) : PassphraseChoice.Ask;
                using Secret? passphrase = KeyPassphrases.ForNewKey(Interaction, choice, plan.Path);
                bool showProgress = plan.Rounds >= ProgressRoundsThreshold;
                KeyInfo info = KeyCreationService.Create(plan, passphrase?.Utf8, showProgress
                    ? (step, fraction) => Interaction.Progress("New-EspriKey", step, fraction)
                    : (System.Action<string, double>?)null, Interaction.Cancellation);
                Interaction.ProgressDone("New-EspriKey");
                WriteTyped(info, "EspriSsh.KeyInfo");
            });
        }
    }
}
