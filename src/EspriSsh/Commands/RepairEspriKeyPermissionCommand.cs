using System.Collections.Generic;
using System.Management.Automation;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;

namespace EspriSsh.Commands
{
    /// <summary>
    /// Gives the private keys, the ssh config and (Unix) the ssh folder back to their owner alone, so
    /// that OpenSSH stops refusing them. Idempotent: what is already owner-only is not touched.
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
            var targets = new List<string>();
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
                    targets.Add(ResolvePath(path));
                }
            }

            foreach (string target in targets)
            {
                TryRun(() =>
                {
                    AccessVerdict before = KeyPermissionRepairer.Inspect(target);
                    bool apply = !before.IsOwnerOnly && Interaction.ShouldProcess(target, $"Restrict the rights ({before.Description}) to you alone");
                    WriteTyped(KeyPermissionRepairer.Repair(target, before, apply), "EspriSsh.PermissionRepair");
                });
            }
        }
    }
}
