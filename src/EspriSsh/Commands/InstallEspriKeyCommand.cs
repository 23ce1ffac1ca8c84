using System.IO;
using System.Management.Automation;
using System.Security;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

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
            string? destination = Destination == null ? null : ResolvePath(Destination);
            string sshDirectory = ResolveSshDirectory(SshDirectory);
            SiteProfile site = SiteProfileLoader.Current;
            KeyInstallPlan plan = KeyInstallService.Plan(source, destination, sshDirectory, Force, site);
            PrivateKeyFile? decrypted = null;
            Secret? oldPassphrase = null;
            try
            {
                if (plan.PublicKey == null)
                {
                    // The format hides the public half (encrypted PEM): needed to compare with what is installed.
                    (decrypted, oldPassphrase) = Decrypt(source);
                    plan = KeyInstallService.Plan(source, destination, sshDirectory, Force, site, decrypted);
                }

                if (plan.AlreadyInstalled)
                {
                    KeyInfo installed = KeyInstallService.DescribeInstalled(plan);
                    WriteWarning($"'{plan.Destination}' already holds this key ({installed.Fingerprint}): nothing was written.");
                    if (AddToAgent)
                    {
                        if (decrypted == null)
                        {
                            (decrypted, oldPassphrase) = Decrypt(source);
                        }

                        new SshAgent().AddAndReport(decrypted.Key, plan.Destination, Interaction);
                    }

                    WriteTyped(installed, "EspriSsh.KeyInfo");
                    return;
                }

                foreach (string warning in plan.Warnings)
                {
                    WriteWarning(warning);
                }

                string action = plan.ReplacesExisting
                    ? $"Replace the key pair there (kept as .bak) with the key of '{source}'"
                    : $"Install the key of '{source}' (and {plan.PublicKeyPath})";
                if (!ShouldProcess(plan.Destination, action))
                {
                    return;
                }

                if (decrypted == null && KeyInstallService.NeedsDecryption(plan, NewPassphrase != null, AddToAgent))
                {
                    (decrypted, oldPassphrase) = Decrypt(source);
                }

                using Secret? newPassphrase = ToSecret(NewPassphrase);
                KeyInfo info = KeyInstallService.Install(plan, decrypted, (newPassphrase ?? oldPassphrase)?.Utf8);
                if (!info.Encrypted)
                {
                    WriteWarning($"'{info.Path}' has no passphrase: anyone who gets a copy of the file can use your account, and the site requires one. " +
                        $"Protect it: Install-EspriKey -Path '{source}' -NewPassphrase (Read-Host -AsSecureString) -Force, or ssh-keygen -p -f '{info.Path}'");
                }

                if (AddToAgent)
                {
                    new SshAgent().AddAndReport(decrypted!.Key, info.Path, Interaction);
                }

                WriteTyped(info, "EspriSsh.KeyInfo");
            }
            finally
            {
                oldPassphrase?.Dispose();
            }
        }

        // The key and a copy of the passphrase that opened it (the installed key keeps it).
        private (PrivateKeyFile Key, Secret? Passphrase) Decrypt(string source)
        {
            using Secret? given = ToSecret(Passphrase);
            return KeyPassphrases.UnlockKeeping(Interaction, bytes => PrivateKeyFileReader.ReadFile(source, bytes), given, source);
        }
    }
}
