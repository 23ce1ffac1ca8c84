using System.Collections.Generic;
using System.Management.Automation;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;

namespace EspriSsh.Commands
{
    /// <summary>
    /// Gives the private keys, the ssh config and (Unix) the ssh folder back to their owner alone, and
    /// takes write access to the folders above it from others, so that OpenSSH stops refusing them.
    /// Idempotent: what is already fine is not touched. A symbolic link is reported, never followed.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "EspriKeyPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PermissionRepair))]
    public sealed class RepairEspriKeyPermissionCommand : EspriCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        protected override void ProcessRecord()
        {
            var targets = new List<PermissionTarget>();
            if (Path == null)
            {
                if (!TryRun(() => targets.AddRange(KeyPermissionRepairer.TargetsIn(ResolveSshDirectory(SshDirectory)))))
                {
                    return;
                }
            }
            else
            {
                foreach (string path in Path)
                {
                    targets.Add(new PermissionTarget(ResolvePath(path)));
                }
            }

            foreach (PermissionTarget target in targets)
            {
                TryRun(() =>
                {
                    PermissionRepair repair = KeyPermissionRepairer.Repair(target, action => Interaction.ShouldProcess(target.Path, action));
                    if (repair.Problem != null)
                    {
                        Interaction.Warn(repair.Problem);
                    }

                    WriteTyped(repair, "EspriSsh.PermissionRepair");
                });
            }
        }
    }
}
