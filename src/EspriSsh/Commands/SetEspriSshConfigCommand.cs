using System.Management.Automation;
using EspriSsh.Core.Config;

namespace EspriSsh.Commands
{
    /// <summary>Writes the spirit1 (and jean-zay) aliases into the ssh config, changing nothing else.</summary>
    [Cmdlet(VerbsCommon.Set, "EspriSshConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConfigChange))]
    public sealed class SetEspriSshConfigCommand : SshConfigCommandBase
    {
        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                SshConfigEditPlan plan = PlanEdit();
                foreach (string warning in plan.Warnings)
                {
                    WriteWarning(warning);
                }

                string hosts = string.Join(" and ", plan.Hosts);
                string action = plan.OriginalBytes == null ? "Create the ssh config with " + hosts : "Update " + hosts + " (a .bak copy is kept)";
                if (plan.Changed && !Interaction.ShouldProcess(plan.Path, action, plan.Diff))
                {
                    return;
                }

                WriteTyped(SshConfigWriter.Apply(plan), "EspriSsh.ConfigChange");
            });
        }
    }
}
