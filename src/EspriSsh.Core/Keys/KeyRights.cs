using System;
using System.Collections.Generic;
using EspriSsh.Core.Display;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// The rights of a key found in a scan, and what a path that is no key file is. A symbolic link
    /// never gets rights advice: chmod follows links, so "chmod 600 link" changes the file it names
    /// (run as root on a link to /dev/zero it would break the device for everyone). The finding says
    /// what the path is or points to instead: a device, a FIFO, nothing at all, or a key whose own
    /// rights are too open (to be fixed on that file, by its owner).
    /// </summary>
    internal static class KeyRights
    {
        /// <summary>
        /// Fills the entry's rights and adds the rights problem, or what the path is when it is no
        /// regular file. True when nothing can be read at the path: the entry is then complete.
        /// </summary>
        public static bool Judge(string path, KeyEntry entry, List<string> problems)
        {
            string? link = FileLinks.TargetOf(path);
            FileKind kind = FileKindProbe.Of(path);
            if (link != null)
            {
                entry.Permissions = "link";
            }

            if (kind != FileKind.Regular)
            {
                string what = kind == FileKind.Missing ? "which does not exist" : "which is " + FileKindProbe.Describe(kind);
                problems.Add(link != null
                    ? $"It is a symbolic link to {UntrustedText.Quoted(link)}, {what}: no key can be read through it. Rights are never changed through a link."
                    : $"It is {FileKindProbe.Describe(kind)}, not a key file: nothing was read from it.");
                return true;
            }

            if (link != null)
            {
                JudgeTarget(FileLinks.FinalTarget(path), entry, problems);
                return false;
            }

            AccessVerdict access = HostPlatform.FileProtection.Inspect(path);
            entry.Permissions = access.Description;
            entry.PermissionsOk = access.IsOwnerOnly;
            if (access.Problem != null)
            {
                problems.Add(access.Problem.IndexOf("Repair-EspriKeyPermission", StringComparison.Ordinal) >= 0
                    ? access.Problem
                    : $"{access.Problem} (or: {KeyAdvice.RepairPermissions(path)})");
            }

            return false;
        }

        // ssh judges the file a link names: say so, without a command that would act through the link.
        private static void JudgeTarget(string target, KeyEntry entry, List<string> problems)
        {
            AccessVerdict access = HostPlatform.FileProtection.Inspect(target);
            entry.PermissionsOk = access.IsOwnerOnly;
            if (!access.IsOwnerOnly)
            {
                problems.Add($"It is a symbolic link to {UntrustedText.Quoted(target)}, whose rights ({access.Description}) let other users read it: ssh refuses such a key. " +
                    "EspriSsh never changes rights through a link; whoever owns that file should make it readable by its owner alone.");
            }
        }
    }
}
