using System.Management.Automation;
using EspriSsh.Core.Config;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Commands
{
    /// <summary>Writes the spirit1 (and jean-zay) aliases into the ssh config, changing nothing else.</summary>
    [Cmdlet(VerbsCommon.Set, "EspriSshConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConfigChange))]
    public sealed class SetEspriSshConfigCommand : SshConfigCommandBase
    {
        protected override void ProcessRecord()
        {
            TryRun(() => WriteTyped(new ConfigWorkflow(Interaction, Site).Apply(PlanEdit(asking: true)), "EspriSsh.ConfigChange"));
        }
    }
}
