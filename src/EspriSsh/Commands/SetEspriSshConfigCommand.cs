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

                if (plan.Changed && IsWhatIf)
                {
                    Host.UI.WriteLine(plan.Diff.TrimEnd('\n'));
                }

                string action = plan.OriginalBytes == null ? "Create the ssh config with " : "Update ";
                if (plan.Changed && !ShouldProcess(plan.Path, action + string.Join(" and ", plan.Hosts) + " (a .bak copy is kept)"))
                {
                    return;
                }

                WriteTyped(SshConfigEditor.Apply(plan), "EspriSsh.ConfigChange");
            });
        }

        /// <summary>-WhatIf given, or $WhatIfPreference on: then the diff is shown before "What if:".</summary>
        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
            ? LanguagePrimitives.IsTrue(value)
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}
