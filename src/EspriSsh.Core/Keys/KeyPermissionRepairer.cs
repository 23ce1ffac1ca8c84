using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Repair-EspriKeyPermission's engine: gives the private keys and the ssh config back to their
    /// owner alone (chmod 600 / owner-only ACL) and, on Unix, the ssh folder 0700, as OpenSSH demands
    /// ("UNPROTECTED PRIVATE KEY FILE", "Bad owner or permissions"). Files already owner-only are left
    /// untouched, so running it again changes nothing.
    /// </summary>
    public static class KeyPermissionRepairer
    {
        /// <summary>
        /// What to look at in an ssh folder: the folder (Unix), its config, its private keys. Nothing
        /// when the folder does not exist yet (there is nothing to protect).
        /// </summary>
        public static IReadOnlyList<string> TargetsIn(string sshDirectory)
        {
            if (!Directory.Exists(sshDirectory))
            {
                return new string[0];
            }

            var targets = new List<string>();
            if (!HostPlatform.IsWindows)
            {
                targets.Add(sshDirectory); // Win32-OpenSSH checks files, not the folder
            }

            string config = Path.Combine(sshDirectory, "config");
            if (File.Exists(config))
            {
                targets.Add(config);
            }

            targets.AddRange(KeyInventory.PrivateKeyFiles(sshDirectory));
            return targets;
        }

        /// <summary>The current rights of a target (KeyFileNotFound when it does not exist).</summary>
        public static AccessVerdict Inspect(string path)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new EspriException(ErrorIds.KeyFileNotFound, EspriErrorCategory.ObjectNotFound,
                    $"There is no file '{path}'. Check the path; Get-EspriKey lists your keys.", path);
            }

            return HostPlatform.FileProtection.Inspect(path);
        }

        /// <summary>
        /// Restricts the target when <paramref name="apply"/> and it is too open; reports before/after.
        /// <paramref name="apply"/> false (-WhatIf, or a refused confirmation) only reports.
        /// </summary>
        public static PermissionRepair Repair(string path, AccessVerdict before, bool apply)
        {
            if (before.IsOwnerOnly || !apply)
            {
                return new PermissionRepair(path, before.Description, before.Description, changed: false);
            }

            try
            {
                HostPlatform.FileProtection.RestrictToOwner(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                throw new EspriException(ErrorIds.FileWriteFailed, EspriErrorCategory.PermissionDenied,
                    $"The rights of '{path}' could not be changed ({ex.Message}). Only the owner of the file (or an administrator) can change them.", path, ex);
            }

            return new PermissionRepair(path, before.Description, HostPlatform.FileProtection.Inspect(path).Description, changed: true);
        }
    }
}
