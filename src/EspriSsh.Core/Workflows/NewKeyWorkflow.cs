using System;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// New-EspriKey from start to end: the site's policy and the disk are checked, the user confirms
    /// (-WhatIf, -Confirm), the passphrase is obtained (given, typed twice, or none with a warning),
    /// then the pair is made and written.
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

        /// <summary>The key written, or null when the user declined (-WhatIf, -Confirm answered no).</summary>
        public KeyInfo? Run(KeyCreationRequest request, PassphraseChoice passphrase)
        {
            KeyCreationPlan plan = KeyCreationService.Plan(request, site);
            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            string action = plan.ReplacesExisting
                ? $"Replace the key pair (the old files are kept as .bak) with a new {plan.Type} key"
                : $"Create a new {plan.Type} key pair (and {plan.PublicKeyPath})";
            if (!ui.ShouldProcess(plan.Path, action))
            {
                return null;
            }

            using Secret? secret = KeyPassphrases.ForNewKey(ui, passphrase, plan.Path);
            Action<string, double>? progress = plan.Rounds >= ProgressRoundsThreshold
                ? (step, fraction) => ui.Progress(Activity, step, fraction)
                : (Action<string, double>?)null;
            KeyInfo info = KeyCreationService.Create(plan, secret?.Utf8, progress, ui.Cancellation);
            info.Next = KeyLocationAdvice.For(info.Path, request.SshDirectory);
            ui.ProgressDone(Activity);
            return info;
        }
    }
}
