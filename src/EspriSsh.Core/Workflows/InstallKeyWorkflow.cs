using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Install-EspriKey ("keys replication"): <see cref="Plan"/> looks at the source without its
    /// passphrase, <see cref="Describe"/> is what the user confirms, <see cref="Execute"/> decrypts only
    /// when needed (a conversion, a new passphrase, the agent, and always a given passphrase, to check
    /// it), writes (or repairs in place what OpenSSH could not use), warns about a key without
    /// passphrase and optionally loads it in the agent. <see cref="Run"/> is the cmdlet's composition,
    /// with the already-installed case; Start-EspriSetup's Key step composes the same parts.
    /// </summary>
    public sealed class InstallKeyWorkflow
    {
        private readonly IUserInteraction ui;
        private readonly SiteProfile site;
        private readonly SshAgent agent;

        public InstallKeyWorkflow(IUserInteraction ui, SiteProfile site, SshAgent? agent = null)
        {
            this.ui = ui;
            this.site = site;
            this.agent = agent ?? new SshAgent();
        }

        /// <summary>
        /// What will be written. <paramref name="opened"/> is the key once decrypted, for the formats that
        /// hide their public half (PublicKey null in a plan made without it).
        /// </summary>
        public KeyInstallPlan Plan(InstallKeyRequest request, PrivateKeyFile? opened = null) => KeyInstallService.Plan(request, site, opened);

        public static PlannedChange Describe(KeyInstallPlan plan) => plan.Action == KeyInstallAction.PublicKeyOnly
            ? new PlannedChange(plan.PublicKeyPath, $"Write the public key of {UntrustedText.Quoted(plan.Source)} ({(plan.ReplacesExisting ? "the old file kept as .bak" : "it is missing")})")
            : new PlannedChange(plan.Destination, plan.ReplacesExisting
                ? $"Replace the key pair there (kept as .bak) with the key of {UntrustedText.Quoted(plan.Source)}"
                : $"Install the key of {UntrustedText.Quoted(plan.Source)} in the OpenSSH format (and {plan.PublicKeyPath})");

        /// <summary>Writes the approved plan.</summary>
        public KeyInfo Execute(KeyInstallPlan plan, KeyAnswers answers, bool addToAgent)
        {
            using var unlock = new SourceKey(ui, plan.Source, answers);
            // A given passphrase is always checked: a key is never installed with one that does not open it.
            PrivateKeyFile? decrypted = KeyInstallService.NeedsDecryption(plan, answers.Passphrase != null, addToAgent) ? unlock.Open() : unlock.Opened;
            KeyInfo info = KeyInstallService.Install(plan, decrypted, answers.NewPassphrase?.Utf8, unlock.Passphrase?.Utf8, cancellation: ui.Cancellation);
            info.Next = KeyLocationAdvice.For(info.Path, plan.Request.SshDirectory);
            info.JudgedBy(site);
            if (!info.Encrypted)
            {
                ui.Warn($"{UntrustedText.Quoted(info.Path)} has no passphrase: anyone who gets a copy of the file can use your account, and the site requires one. " +
                    $"Protect it: {KeyAdvice.AddPassphrase(info.Path)}");
            }

            if (addToAgent)
            {
                agent.AddAndReport(decrypted!.Key, info.Path, ui);
            }

            return info;
        }

        /// <summary>The installed key (also when it was already there), or null when the user declined.</summary>
        public KeyInfo? Run(InstallKeyRequest request)
        {
            var answers = new KeyAnswers { Passphrase = request.Passphrase, NewPassphrase = request.NewPassphrase };
            using var source = new SourceKey(ui, request.Source, answers);
            KeyInstallPlan plan = Plan(request);
            if (plan.PublicKey == null)
            {
                // The format hides the public half (encrypted PEM, PKCS#8): needed to compare with what is installed.
                plan = Plan(request, source.Open());
            }

            answers.OpenedKey = source.Opened;
            answers.Passphrase = source.Passphrase;
            if (plan.AlreadyInstalled)
            {
                KeyInfo installed = KeyInstallService.DescribeInstalled(plan).JudgedBy(site);
                ui.Warn($"{UntrustedText.Quoted(plan.Destination)} already holds this key ({installed.Fingerprint}): nothing was written.");
                if (request.AddToAgent || request.Passphrase != null)
                {
                    PrivateKeyFile key = source.Open(); // a given passphrase is checked here too
                    if (request.AddToAgent)
                    {
                        agent.AddAndReport(key.Key, plan.Destination, ui);
                    }
                }

                return installed;
            }

            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            return Describe(plan).ApprovedBy(ui) ? Execute(plan, answers, request.AddToAgent) : null;
        }
    }
}
