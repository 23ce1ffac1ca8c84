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
    /// a .bak of the old content, the new one atomically and owner-only. A plan ssh refused is never written.
    /// </summary>
    public static class SshConfigWriter
    {
        public static ConfigChange Apply(SshConfigEditPlan plan)
        {
            if (plan.Refusal != null)
            {
                throw plan.Refusal.ToException(plan.Path);
            }

            if (!plan.Changed)
            {
                return Describe(plan, changed: false, null);
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

            string? backup = current == null ? null : BackupFile.Create(target, current, ownerOnly: true);
            AtomicFileWriter.WriteAllBytes(target, plan.NewBytes, ownerOnly: true);
            return Describe(plan, changed: true, backup);
        }

        /// <summary>The result, its lines numbered as in the file now on disk (the new one once written).</summary>
        internal static ConfigChange Describe(SshConfigEditPlan plan, bool changed, string? backup) =>
            new ConfigChange(plan.Path, changed, backup, plan.Hosts, plan.Diff, plan.Warnings, plan.Next)
            {
                Overrides = changed ? plan.Overrides : plan.OverridesBeforeEdit,
                KeptRoute = changed ? plan.KeptRoute : plan.KeptRouteBeforeEdit,
                Satisfied = plan.Satisfied,
                CheckedWith = plan.CheckedWith,
            };
    }
}
