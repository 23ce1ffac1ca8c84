using System.Management.Automation;
using EspriSsh.Core.Config;

namespace EspriSsh.Commands
{
    /// <summary>
    /// True when ssh accepts the config and it already gives exactly what Set-EspriSshConfig would write
    /// (Intune/GPO detection). Why it is False (ssh refuses the file, a line overrides a site value, a
    /// route kept) goes to the warning stream, the diff to the verbose stream: the output stays one boolean.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EspriSshConfig")]
    [OutputType(typeof(bool))]
    public sealed class TestEspriSshConfigCommand : SshConfigCommandBase
    {
        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                SshConfigEditPlan plan = PlanEdit(asking: false);
                if (plan.Refusal != null)
                {
                    Interaction.Warn($"ssh refuses '{plan.Path}' ({plan.Refusal.JudgedBy}): {plan.Refusal.Describe()}.");
                    WriteObject(false);
                    return;
                }

                foreach (string warning in plan.Warnings)
                {
                    Interaction.Verbose(warning);
                }

                foreach (ConfigOverride line in plan.OverridesBeforeEdit)
                {
                    Interaction.Warn(line + ".");
                }

                if (plan.KeptRouteBeforeEdit != null)
                {
                    Interaction.Warn(plan.KeptRouteBeforeEdit + ".");
                }

                if (plan.Changed)
                {
                    Interaction.Verbose("Set-EspriSshConfig would change " + plan.Path + ":\n" + plan.Diff);
                }

                WriteObject(!plan.Changed && plan.Satisfied);
            });
        }
    }
}
