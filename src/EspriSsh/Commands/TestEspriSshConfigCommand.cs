using System.Management.Automation;
using EspriSsh.Core.Config;

namespace EspriSsh.Commands
{
    /// <summary>
    /// True when the ssh config already gives exactly what Set-EspriSshConfig would write (Intune/GPO
    /// detection); reasons go to the verbose stream so the output stays one boolean.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EspriSshConfig")]
    [OutputType(typeof(bool))]
    public sealed class TestEspriSshConfigCommand : SshConfigCommandBase
    {
        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                SshConfigEditPlan plan = PlanEdit();
                foreach (string warning in plan.Warnings)
                {
                    WriteVerbose(warning);
                }

                if (plan.Changed)
                {
                    WriteVerbose("Set-EspriSshConfig would change " + plan.Path + ":\n" + plan.Diff);
                }

                WriteObject(!plan.Changed && plan.Satisfied);
            });
        }
    }
}
