using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Writes a planned config edit: into the real file when the config is a symbolic link (the link
    /// stays), only if the file did not change since the plan, ~/.ssh created owner-only when missing,
    /// a .bak of the old content, the new one atomically and owner-only.
    /// </summary>
    public static class SshConfigWriter
    {
        public static ConfigChange Apply(SshConfigEditPlan plan)
        {
            if (!plan.Changed)
            {
                return new ConfigChange(plan.Path, false, null, plan.Hosts, plan.Diff, plan.Warnings, plan.Next);
            }

            string target = FileLinks.FinalTarget(plan.Path);
            byte[]? current = BoundedFileReader.ReadIfExists(target, SshConfigDocument.MaxBytes, "ssh config file");
            bool unchangedSincePlan = current == null ? plan.OriginalBytes == null : plan.OriginalBytes != null && current.SequenceEqual(plan.OriginalBytes);
            if (!unchangedSincePlan)
            {
                throw new EspriException(ErrorIds.ConfigChangedDuringEdit,
                    $"{UntrustedText.Quoted(plan.Path)} changed while the edit was prepared; nothing was written. Run the command again.", plan.Path);
            }

            string directory = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(directory))
            {
                HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(directory);
            }

            string? backup = current == null ? null : BackupFile.Create(target, ownerOnly: true);
            AtomicFileWriter.WriteAllBytes(target, plan.NewBytes, ownerOnly: true);
            return new ConfigChange(plan.Path, true, backup, plan.Hosts, plan.Diff, plan.Warnings, plan.Next);
        }
    }
}
