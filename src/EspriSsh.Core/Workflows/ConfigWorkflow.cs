using EspriSsh.Core.Config;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Set-EspriSshConfig: <see cref="Plan"/> computes the edit (nothing written; checked by the installed
    /// ssh before and after), <see cref="PlanAsking"/> also asks before replacing an existing route to
    /// Jean Zay through another jump host (in a script that route is kept), <see cref="Describe"/> is what
    /// the user confirms (the diff shown under -WhatIf), <see cref="Execute"/> writes it with a .bak of the
    /// file it replaces; a config ssh refuses is never written (ConfigInvalid). Start-EspriSetup's Config
    /// step composes the same parts.
    /// </summary>
    public sealed class ConfigWorkflow
    {
        private readonly IUserInteraction ui;
        private readonly SiteProfile site;

        public ConfigWorkflow(IUserInteraction ui, SiteProfile site)
        {
            this.ui = ui;
            this.site = site;
        }

        /// <param name="checkResult">False when nothing will be written (Test-EspriSshConfig): no second ssh check.</param>
        public SshConfigEditPlan Plan(string configPath, SshConfigRequest request, SshResolveOptions? options = null, bool checkResult = true) =>
            new SshConfigEditor(site).Plan(configPath, request, options, checkResult);

        /// <summary>The plan, after asking (when someone can answer) whether an existing route to Jean Zay may be replaced.</summary>
        public SshConfigEditPlan PlanAsking(string configPath, SshConfigRequest request, SshResolveOptions? options = null)
        {
            SshConfigEditPlan plan = Plan(configPath, request, options);
            if (plan.Refusal == null && plan.KeptRouteBeforeEdit is KeptRoute route && ui.CanPrompt && ui.Confirm(ReplaceQuestion(route)))
            {
                request.ReplaceRoute = true;
                plan = Plan(configPath, request, options);
            }

            return plan;
        }

        public static PlannedChange Describe(SshConfigEditPlan plan)
        {
            string hosts = string.Join(" and ", plan.Hosts);
            return new PlannedChange(plan.Path, plan.OriginalBytes == null ? $"Create the ssh config with {hosts}" : $"Update {hosts} (a .bak copy is kept)", plan.Diff);
        }

        /// <summary>Writes the approved plan (Changed false when the file already said it all); ConfigInvalid when ssh refused it.</summary>
        public static ConfigChange Execute(SshConfigEditPlan plan) => SshConfigWriter.Apply(plan);

        /// <summary>The plan's warnings said, the change confirmed, then written; null when the user declined.</summary>
        public ConfigChange? Apply(SshConfigEditPlan plan)
        {
            if (plan.Refusal != null)
            {
                throw plan.Refusal.ToException(plan.RefusedByEdit ? $"The edit of {UntrustedText.Quoted(plan.Path)} was not written" : $"{UntrustedText.Quoted(plan.Path)} was left as it is");
            }

            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            return plan.Changed && !Describe(plan).ApprovedBy(ui) ? null : Execute(plan);
        }

        private static Question ReplaceQuestion(KeptRoute route) => new Question(
            $"{route}. Replace that route so that {route.Host} is reached through {route.SiteJump}? "
                + $"Say no if that jump host is the one whose address {route.Host}'s operators registered for you.",
            route.Location?.ToString(), ErrorIds.InvalidParameter, "Pass -ReplaceRoute to replace it.", $"Your route to {route.Host}");
    }
}
