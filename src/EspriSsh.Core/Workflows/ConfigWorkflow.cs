using EspriSsh.Core.Config;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Set-EspriSshConfig from its plan to the file: the plan's warnings said, the change confirmed
    /// (the diff shown under -WhatIf), then written with a .bak of the file it replaces. Start-EspriSetup's
    /// Config step is the same call.
    /// </summary>
    public sealed class ConfigWorkflow
    {
        private readonly IUserInteraction ui;

        public ConfigWorkflow(IUserInteraction ui) => this.ui = ui;

        /// <summary>What was written (Changed false when the file already said it all); null when the user declined.</summary>
        public ConfigChange? Apply(SshConfigEditPlan plan)
        {
            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            string hosts = string.Join(" and ", plan.Hosts);
            string action = plan.OriginalBytes == null ? $"Create the ssh config with {hosts}" : $"Update {hosts} (a .bak copy is kept)";
            return plan.Changed && !ui.ShouldProcess(plan.Path, action, plan.Diff) ? null : SshConfigWriter.Apply(plan);
        }
    }
}
