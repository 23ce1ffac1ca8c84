using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Repair-EspriKeyPermission's engine: gives the private keys and the ssh config back to their
    /// owner alone (chmod 600 / owner-only ACL), on Unix the ssh folder 0700 and the folders above it
    /// up to the home no write access for others, as OpenSSH demands ("UNPROTECTED PRIVATE KEY FILE",
    /// "Bad owner or permissions", StrictModes). Files already fine are left untouched, so running it
    /// again changes nothing. A symbolic link is never followed: changing its rights would change the
    /// file it points to (anywhere, if a link was planted), so it is reported instead.
    /// </summary>
    public static class KeyPermissionRepairer
    {
        /// <summary>
        /// What to look at for an ssh folder: the folders above it that others may write to and the
        /// folder itself (Unix), its config, its private keys. Nothing when the folder does not exist
        /// yet (there is nothing to protect).
        /// </summary>
        public static IReadOnlyList<PermissionTarget> TargetsIn(string sshDirectory)
        {
            if (!Directory.Exists(sshDirectory))
            {
                return new PermissionTarget[0];
            }

            var targets = new List<PermissionTarget>();
            if (!HostPlatform.IsWindows)
            {
                // Win32-OpenSSH checks files, not folders.
                targets.AddRange(SshFolderSafety.WritableByOthers(sshDirectory).Select(x => x.Folder)
                    .Where(folder => folder != Path.GetFullPath(sshDirectory).TrimEnd(Path.DirectorySeparatorChar))
                    .Reverse().Select(folder => new PermissionTarget(folder, isFolderAbove: true)));
                targets.Add(new PermissionTarget(sshDirectory));
            }

            string config = SshDirectory.ConfigFile(sshDirectory);
            if (File.Exists(config))
            {
                targets.Add(new PermissionTarget(config));
            }

            targets.AddRange(KeyInventory.PrivateKeyFiles(sshDirectory).Select(path => new PermissionTarget(path)));
            return targets;
        }

        /// <summary>
        /// Looks at the target and, when its rights are too open and <paramref name="confirm"/> agrees
        /// to the action it is given (false for -WhatIf or a refused confirmation), restricts them.
        /// </summary>
        public static PermissionRepair Repair(PermissionTarget target, Func<string, bool> confirm)
        {
            string path = target.Path;
            string? linkTarget = FileLinks.TargetOf(path);
            if (linkTarget != null)
            {
                return new PermissionRepair(path, "link", "link", changed: false)
                {
                    Problem = $"{UntrustedText.Quoted(path)} is a symbolic link to {linkTarget}: its rights were not changed, since that would change {linkTarget} instead. "
                        + "Replace the link with the file itself (and find out who made it, if it was not you).",
                };
            }

            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new EspriException(ErrorIds.KeyFileNotFound,
                    $"There is no file {UntrustedText.Quoted(path)}. Check the path; Get-EspriKey lists your keys.", path);
            }

            IFileProtection protection = HostPlatform.FileProtection;
            AccessVerdict before = target.IsFolderAbove ? protection.InspectFolder(path) : protection.Inspect(path);
            string action = target.IsFolderAbove
                ? $"Take write access ({before.Description}) away from everyone but you"
                : $"Restrict the rights ({before.Description}) to you alone";
            if (before.IsOwnerOnly || !confirm(action))
            {
                return new PermissionRepair(path, before.Description, before.Description, changed: false);
            }

            try
            {
                if (target.IsFolderAbove)
                {
                    protection.RemoveOthersWrite(path);
                }
                else
                {
                    protection.RestrictToOwner(path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                throw new EspriException(ErrorIds.FileWriteFailed,
                    $"The rights of {UntrustedText.Quoted(path)} could not be changed ({ex.Message}). Only the owner of the file (or an administrator) can change them.", path, ex);
            }

            AccessVerdict after = target.IsFolderAbove ? protection.InspectFolder(path) : protection.Inspect(path);
            return new PermissionRepair(path, before.Description, after.Description, changed: true);
        }
    }
}
