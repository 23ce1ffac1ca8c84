using System;
using System.IO;
using System.Linq;
using System.Security.AccessControl;
using System.Security.Principal;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Owner-only ACLs as Win32-OpenSSH demands: inheritance removed, full control for the current user,
    /// SYSTEM and Administrators only. The file is created with that ACL, so no moment exists with
    /// inherited rights.
    /// </summary>
#if NET
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    internal sealed class WindowsFileProtection : IFileProtection
    {
        public FileStream CreateOwnerOnlyFile(string path)
        {
            var security = new FileSecurity();
            ApplyOwnerOnly(security, InheritanceFlags.None);
            return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.FullControl, FileShare.None, 4096, FileOptions.None, security);
        }

        public void EnsureOwnerOnlyDirectory(string path)
        {
            if (Directory.Exists(path))
            {
                return;
            }

            var security = new DirectorySecurity();
            ApplyOwnerOnly(security, InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit);
            new DirectoryInfo(path).Create(security);
        }

        public AccessVerdict Inspect(string path)
        {
            FileSecurity security = new FileInfo(path).GetAccessControl();
            // A file may have no owner at all: then it is not the user's, which the rules refuse.
            string owner = security.GetOwner(typeof(SecurityIdentifier))?.Value ?? "(no owner)";
            var rules = security.GetAccessRules(true, true, typeof(SecurityIdentifier))
                .Cast<FileSystemAccessRule>()
                .Where(r => r.AccessControlType == AccessControlType.Allow)
                .Select(r => new AclEntry(r.IdentityReference.Value, (r.FileSystemRights & FileSystemRights.ReadData) != 0))
                .ToList();
            return WindowsAclRules.Evaluate(path, owner, CurrentUser.Value, rules);
        }

        public void RestrictToOwner(string path)
        {
            if (FileLinks.TargetOf(path) is string target)
            {
                throw new IOException($"{UntrustedText.Quoted(path)} is a link (to {target}); its rights are not changed through it.");
            }

            var file = new FileInfo(path);
            FileSecurity security = file.GetAccessControl();
            foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
            {
                security.RemoveAccessRuleAll(rule);
            }

            ApplyOwnerOnly(security, InheritanceFlags.None);
            file.SetAccessControl(security);
        }

        // Win32-OpenSSH checks the rights of the files themselves, not of their folders.
        public AccessVerdict InspectFolder(string path) => new AccessVerdict(true, "-", null);

        public void RemoveOthersWrite(string path) => throw new NotSupportedException("Folders are not judged on Windows.");

        private static SecurityIdentifier CurrentUser
        {
            get
            {
                using WindowsIdentity identity = WindowsIdentity.GetCurrent();
                return identity.User!;
            }
        }

        private static void ApplyOwnerOnly(FileSystemSecurity security, InheritanceFlags inheritance)
        {
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.SetOwner(CurrentUser);
            foreach (string sid in WindowsAclRules.OwnerOnlySids(CurrentUser.Value))
            {
                security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(sid), FileSystemRights.FullControl, inheritance, PropagationFlags.None, AccessControlType.Allow));
            }
        }
    }
}
