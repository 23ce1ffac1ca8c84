using System;
using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

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
        private const string Activity = "Convert-PpkKey";

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
            SiteProfile site = SiteProfileLoader.Current;
            KeyConversionPlan plan = KeyConversionService.Plan(new KeyConversionRequest
            {
                SourcePath = source,
                Destination = Destination == null ? null : ResolvePath(Destination),
                SshDirectory = ResolveSshDirectory(SshDirectory),
                OutputFormat = OutputFormat == null ? (KeyOutputFormat?)null : (KeyOutputFormat)Enum.Parse(typeof(KeyOutputFormat), OutputFormat, ignoreCase: true),
                Force = Force,
            }, site);

            string output = plan.OutputFormat == KeyOutputFormat.Ppk ? "PuTTY key (PPK v3)" : "OpenSSH key";
            string action = plan.ReplacesExisting
                ? $"Replace the key pair (the old files are kept as .bak) with the {output} converted from '{source}'"
                : $"Write the {output} converted from '{source}' (and {plan.PublicKeyPath})";
            if (!ShouldProcess(plan.Destination, action))
            {
                return;
            }

            using Secret? given = ToSecret(Passphrase);
            var ((key, warnings), sourcePassphrase) = KeyPassphrases.UnlockKeeping(Interaction, bytes =>
                KeyConversionService.Read(plan, bytes, site, plan.SourceUsesArgon2 ? Reporter("Checking the passphrase (Argon2)") : null), given, source);
            using (sourcePassphrase)
            {
                foreach (string warning in warnings)
                {
                    WriteWarning(warning);
                }

                using Secret? newGiven = ToSecret(NewPassphrase);
                using Secret? newPassphrase = ParameterSetName switch
                {
                    NewPassphraseSet => KeyPassphrases.ForNewKey(Interaction, PassphraseChoice.Given(newGiven!), plan.Destination),
                    NoPassphraseSet => KeyPassphrases.ForNewKey(Interaction, PassphraseChoice.None, plan.Destination),
                    _ => sourcePassphrase != null && !sourcePassphrase.IsEmpty
                        ? sourcePassphrase.Copy()
                        : KeyPassphrases.ForNewKey(Interaction, PassphraseChoice.Ask, plan.Destination), // an unprotected source: the site requires a passphrase
                };
                string protecting = plan.OutputFormat == KeyOutputFormat.Ppk ? "Protecting the key with the passphrase (Argon2)" : "Protecting the key with the passphrase (bcrypt, 24 rounds)";
                KeyInfo info = KeyConversionService.Write(plan, key, newPassphrase?.Utf8, newPassphrase != null && !newPassphrase.IsEmpty ? Reporter(protecting) : null);
                Interaction.ProgressDone(Activity);
                WriteTyped(info, "EspriSsh.KeyInfo");
                if (AddToAgent)
                {
                    new SshAgent().AddAndReport(key, info.Path, Interaction);
                }
            }
        }

        private Action<double> Reporter(string status) => fraction => Interaction.Progress(Activity, status, fraction);
    }
}
