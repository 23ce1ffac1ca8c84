using EspriSsh.Core.Config;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Set-EspriSshConfig: <see cref="Plan"/> computes the edit (nothing written), <see cref="Describe"/>
    /// is what the user confirms (the diff shown under -WhatIf), <see cref="Execute"/> writes it with a
    /// .bak of the file it replaces. Start-EspriSetup's Config step composes the same parts.
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

        public SshConfigEditPlan Plan(string configPath, SshConfigRequest request, SshResolveOptions? options = null) =>
            new SshConfigEditor(site).Plan(configPath, request, options);

        public static PlannedChange Describe(SshConfigEditPlan plan)
        {
            string hosts = string.Join(" and ", plan.Hosts);
            return new PlannedChange(plan.Path, plan.OriginalBytes == null ? $"Create the ssh config with {hosts}" : $"Update {hosts} (a .bak copy is kept)", plan.Diff);
        }

        /// <summary>Writes the approved plan (Changed false when the file already said it all).</summary>
        public static ConfigChange Execute(SshConfigEditPlan plan) => SshConfigWriter.Apply(plan);

        /// <summary>The plan's warnings said, the change confirmed, then written; null when the user declined.</summary>
        public ConfigChange? Apply(SshConfigEditPlan plan)
        {
            foreach (string warning in plan.Warnings)
            {
                ui.Warn(warning);
            }

            return plan.Changed && !Describe(plan).ApprovedBy(ui) ? null : Execute(plan);
        }
    }
}
