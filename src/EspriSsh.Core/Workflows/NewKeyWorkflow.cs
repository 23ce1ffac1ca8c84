using System;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// New-EspriKey: <see cref="Plan"/> checks the site's policy and the disk (nothing asked or
    /// written), <see cref="Describe"/> is what the user confirms, the passphrase is obtained (given,
    /// typed twice, or none with a warning: KeyPassphrases.ForNewKey), <see cref="Execute"/> makes and
    /// writes the pair.
    /// <see cref="Run"/> is the cmdlet's composition; Start-EspriSetup's Key step composes the same parts.
    /// </summary>
    public sealed class NewKeyWorkflow
    {
        public const string Activity = "New-EspriKey";

        // Below this many KDF rounds the key is ready before a progress bar would be seen.
        private const int ProgressRoundsThreshold = 64;

        private readonly IUserInteraction ui;
        private readonly SiteProfile site;

        public NewKeyWorkflow(IUserInteraction ui, SiteProfile site)
        {
            this.ui = ui;
            this.site = site;
        }

        /// <summary>The key to make, checked against the site and the disk; throws before anything is asked.</summary>
        public KeyCreationPlan Plan(KeyCreationRequest request) => KeyCreationService.Plan(request, site);

        public static PlannedChange Describe(KeyCreationPlan plan) => new PlannedChange(plan.Path, plan.ReplacesExisting
            ? $"Replace the key pair (the old files are kept as .bak) with a new {plan.Type} key"
            : $"Create a new {plan.Type} key pair (and {plan.PublicKeyPath})");

        /// <summary>Makes the approved key, protected by <paramref name="passphrase"/> (null: none).</summary>
        public KeyInfo Execute(KeyCreationPlan plan, Secret? passphrase)
        {
            Action<string, double>? progress = plan.Rounds >= ProgressRoundsThreshold
                ? (step, fraction) => ui.Progress(Activity, step, fraction)
                : (Action<string, double>?)null;
            KeyInfo info = KeyCreationService.Create(plan, passphrase?.Utf8, progress, ui.Cancellation);
            info.Next = KeyLocationAdvice.For(info.Path, plan.SshDirectory);
            info.JudgedBy(site);
            ui.ProgressDone(Activity);
            return info;
        }

        /// <summary>The key written, or null when the user declined (-WhatIf, -Confirm answered no).</summary>
        public KeyInfo? Run(KeyCreationRequest request, PassphraseChoice passphrase)
        {
            KeyCreationPlan plan = Plan(request);
            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            if (!Describe(plan).ApprovedBy(ui))
            {
                return null;
            }

            using Secret? secret = KeyPassphrases.ForNewKey(ui, passphrase, plan.Path);
            return Execute(plan, secret);
        }
    }
}
