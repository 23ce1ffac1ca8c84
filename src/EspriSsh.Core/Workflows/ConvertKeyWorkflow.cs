using System;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Convert-PpkKey from start to end: plan (nothing asked yet), confirm, open the source (its
    /// passphrase given or asked, three tries), decide the new passphrase (the source's kept unless
    /// told otherwise; an unprotected source gets one, the site requires it), write, and optionally
    /// load the key in the agent.
    /// </summary>
    public sealed class ConvertKeyWorkflow
    {
        public const string Activity = "Convert-PpkKey";

        private readonly IUserInteraction ui;
        private readonly SiteProfile site;
        private readonly SshAgent agent;

        public ConvertKeyWorkflow(IUserInteraction ui, SiteProfile site, SshAgent? agent = null)
        {
            this.ui = ui;
            this.site = site;
            this.agent = agent ?? new SshAgent();
        }

        /// <summary>
        /// The converted key, or null when the user declined. <paramref name="newPassphrase"/> null keeps
        /// the source's passphrase (asks for one when the source had none).
        /// </summary>
        public KeyInfo? Run(KeyConversionRequest request, Secret? passphrase, PassphraseChoice? newPassphrase, bool addToAgent)
        {
            KeyConversionPlan plan = KeyConversionService.Plan(request, site);
            string output = plan.OutputFormat == KeyOutputFormat.Ppk ? "PuTTY key (PPK v3)" : "OpenSSH key";
            string action = plan.ReplacesExisting
                ? $"Replace the key pair (the old files are kept as .bak) with the {output} converted from '{plan.SourcePath}'"
                : $"Write the {output} converted from '{plan.SourcePath}' (and {plan.PublicKeyPath})";
            if (!ui.ShouldProcess(plan.Destination, action))
            {
                return null;
            }

            Action<double>? checking = plan.SourceUsesArgon2 ? Reporter("Checking the passphrase (Argon2)") : null;
            var ((key, warnings), sourcePassphrase) = KeyPassphrases.UnlockKeeping(ui,
                bytes => KeyConversionService.Read(plan, bytes, site, checking, ui.Cancellation), passphrase, plan.SourcePath);
            using (sourcePassphrase)
            {
                foreach (string warning in warnings)
                {
                    ui.Warn(warning);
                }

                using Secret? secret = newPassphrase != null ? KeyPassphrases.ForNewKey(ui, newPassphrase, plan.Destination)
                    : sourcePassphrase != null && !sourcePassphrase.IsEmpty ? sourcePassphrase.Copy()
                    : KeyPassphrases.ForNewKey(ui, PassphraseChoice.Ask, plan.Destination); // an unprotected source: the site requires a passphrase
                string protecting = plan.OutputFormat == KeyOutputFormat.Ppk ? "Protecting the key with the passphrase (Argon2)" : "Protecting the key with the passphrase (bcrypt, 24 rounds)";
                KeyInfo info = KeyConversionService.Write(plan, key, secret?.Utf8, secret != null && !secret.IsEmpty ? Reporter(protecting) : null, ui.Cancellation);
                info.Next = plan.OutputFormat == KeyOutputFormat.OpenSsh ? KeyLocationAdvice.For(info.Path, request.SshDirectory) : null; // PuTTY reads a .ppk wherever it is
                ui.ProgressDone(Activity);
                if (addToAgent)
                {
                    agent.AddAndReport(key, info.Path, ui);
                }

                return info;
            }
        }

        private Action<double> Reporter(string status) => fraction => ui.Progress(Activity, status, fraction);
    }
}
