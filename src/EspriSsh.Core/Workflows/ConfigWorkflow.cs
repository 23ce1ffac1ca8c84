using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Set-EspriSshConfig from its plan to the file: a config ssh refuses stops here (ConfigInvalid,
    /// nothing written); an existing route to Jean Zay through another jump host is replaced only when
    /// the user says yes (in a script it is kept and the result says how to replace it); the plan's
    /// warnings are said, the change confirmed (the diff shown under -WhatIf), then written with a .bak
    /// of the file it replaces. Start-EspriSetup's Config step is the same call.
    /// </summary>
    public sealed class ConfigWorkflow
    {
        private readonly IUserInteraction ui;

        public ConfigWorkflow(IUserInteraction ui) => this.ui = ui;

        /// <summary>Plans, asks what must be asked, writes; null when the user declined under -WhatIf/-Confirm.</summary>
        public ConfigChange? Run(SshConfigEditor editor, string configPath, SshConfigRequest request, SshResolveOptions? options = null)
        {
            SshConfigEditPlan plan = editor.Plan(configPath, request, options);
            if (plan.Refusal == null && plan.KeptRoute is KeptRoute route && ui.CanPrompt && ui.Confirm(ReplaceQuestion(route)))
            {
                request.ReplaceRoute = true;
                plan = editor.Plan(configPath, request, options);
            }

            return Apply(plan);
        }

        /// <summary>What was written (Changed false when the file already said it all); null when the user declined.</summary>
        public ConfigChange? Apply(SshConfigEditPlan plan)
        {
            if (plan.Refusal != null)
            {
                throw plan.Refusal.ToException(plan.RefusedByEdit ? $"The edit of '{plan.Path}' was not written" : $"'{plan.Path}' was left as it is");
            }

            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            string hosts = string.Join(" and ", plan.Hosts);
            string action = plan.OriginalBytes == null ? $"Create the ssh config with {hosts}" : $"Update {hosts} (a .bak copy is kept)";
            return plan.Changed && !ui.ShouldProcess(plan.Path, action, plan.Diff) ? null : SshConfigWriter.Apply(plan);
        }

        private static Question ReplaceQuestion(KeptRoute route) => new Question(
            $"{route}. Replace that route so that {route.Host} is reached through {route.SiteJump}? "
                + $"Say no if that jump host is the one whose address {route.Host}'s operators registered for you.",
            route.Location?.ToString(), ErrorIds.InvalidParameter, "Pass -ReplaceRoute to replace it.", $"Your route to {route.Host}");
    }
}
