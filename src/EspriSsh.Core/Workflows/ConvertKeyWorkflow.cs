using System;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Convert-PpkKey: <see cref="Plan"/> reads the source without its passphrase, <see cref="Describe"/>
    /// is what the user confirms, <see cref="Execute"/> opens the source (its passphrase given or asked,
    /// three tries), decides the new passphrase (the source's kept unless told otherwise; an unprotected
    /// source gets one, the site requires it), writes, and optionally loads the key in the agent.
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

        public KeyConversionPlan Plan(KeyConversionRequest request) => KeyConversionService.Plan(request, site);

        public static PlannedChange Describe(KeyConversionPlan plan)
        {
            string output = plan.OutputFormat == KeyOutputFormat.Ppk ? "PuTTY key (PPK v3)" : "OpenSSH key";
            return new PlannedChange(plan.Destination, plan.ReplacesExisting
                ? $"Replace the key pair (the old files are kept as .bak) with the {output} converted from {UntrustedText.Quoted(plan.SourcePath)}"
                : $"Write the {output} converted from {UntrustedText.Quoted(plan.SourcePath)} (and {plan.PublicKeyPath})");
        }

        /// <summary>
        /// Converts the approved plan. <paramref name="newPassphrase"/> null keeps the source's
        /// passphrase (asks for one when the source had none).
        /// </summary>
        public KeyInfo Execute(KeyConversionPlan plan, KeyConversionRequest request, Secret? passphrase, PassphraseChoice? newPassphrase, bool addToAgent)
        {
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
                info.JudgedBy(site);
                ui.ProgressDone(Activity);
                if (addToAgent)
                {
                    agent.AddAndReport(key, info.Path, ui);
                }

                return info;
            }
        }

        /// <summary>The converted key, or null when the user declined.</summary>
        public KeyInfo? Run(KeyConversionRequest request, Secret? passphrase, PassphraseChoice? newPassphrase, bool addToAgent)
        {
            KeyConversionPlan plan = Plan(request);
            return Describe(plan).ApprovedBy(ui) ? Execute(plan, request, passphrase, newPassphrase, addToAgent) : null;
        }

        private Action<double> Reporter(string status) => fraction => ui.Progress(Activity, status, fraction);
    }
}
