using System.IO;
using System.Linq;
using System.Security.AccessControl;
using System.Security.Principal;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tests.Keys;

namespace EspriSsh.Core.Tests.Platform
{
    /// <summary>
    /// The owner-only ACL on a real NTFS file, judged by Windows itself (the ACL read back) and by
    /// Win32-OpenSSH's ssh-keygen, which refuses a private key other accounts can read. The rule set
    /// alone is tested on every OS by WindowsAclRulesTests.
    /// </summary>
#if NET
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    public class WindowsFileProtectionTests
    {
        private const string Everyone = "S-1-1-0";

        [WindowsFact]
        public void APrivateFileIsCreatedOwnedByTheUserWithoutInheritanceForTheUserSystemAndAdministratorsOnly()
        {
            using var dir = new TempDirectory();
            string path = dir.File("id_ed25519");

            AtomicFileWriter.WriteAllBytes(path, new byte[] { 1, 2, 3 }, ownerOnly: true);

            FileSecurity security = new FileInfo(path).GetAccessControl();
            string me = CurrentUser();
            Assert.True(security.AreAccessRulesProtected, "inheritance must be removed");
            Assert.Equal(me, security.GetOwner(typeof(SecurityIdentifier)).Value);
            FileSystemAccessRule[] rules = security.GetAccessRules(true, true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>().ToArray();
            Assert.All(rules, r => Assert.False(r.IsInherited));
            Assert.All(rules, r => Assert.Equal(AccessControlType.Allow, r.AccessControlType));
            Assert.Equal(new[] { me, "S-1-5-18", "S-1-5-32-544" }.OrderBy(s => s), rules.Select(r => r.IdentityReference.Value).Distinct().OrderBy(s => s));
            Assert.True(HostPlatform.FileProtection.Inspect(path).IsOwnerOnly);
        }

        [WindowsFact(SshKeygen.Tool)]
        public void SshKeygenAcceptsTheKeyWeWriteRefusesItOnceEveryoneMayReadAndAcceptsItRepaired()
        {
            using var dir = new TempDirectory();
            string made = SshKeygen.Make(dir, "made", "ed25519", "");
            string path = dir.File("id_ed25519");
            AtomicFileWriter.WriteAllBytes(path, File.ReadAllBytes(made), ownerOnly: true);
            Assert.Equal(0, ExternalTool.Run(SshKeygen.Tool, "-y", "-f", path).ExitCode);

            var file = new FileInfo(path);
            FileSecurity security = file.GetAccessControl();
            security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(Everyone), FileSystemRights.Read, AccessControlType.Allow));
            file.SetAccessControl(security);
            var refused = ExternalTool.Run(SshKeygen.Tool, "-y", "-f", path);
            AccessVerdict open = HostPlatform.FileProtection.Inspect(path);

            Assert.NotEqual(0, refused.ExitCode);
            Assert.False(open.IsOwnerOnly);
            Assert.Contains(Everyone, open.Description);

            HostPlatform.FileProtection.RestrictToOwner(path);

            Assert.True(HostPlatform.FileProtection.Inspect(path).IsOwnerOnly);
            Assert.Equal(0, ExternalTool.Run(SshKeygen.Tool, "-y", "-f", path).ExitCode);
        }

        [WindowsFact]
        public void TheSshFolderIsCreatedWithAnOwnerOnlyInheritableAcl()
        {
            using var dir = new TempDirectory();
            string ssh = dir.File(".ssh");

            HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(ssh);

            DirectorySecurity security = new DirectoryInfo(ssh).GetAccessControl();
            Assert.True(security.AreAccessRulesProtected);
            FileSystemAccessRule[] rules = security.GetAccessRules(true, true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>().ToArray();
            Assert.Equal(new[] { CurrentUser(), "S-1-5-18", "S-1-5-32-544" }.OrderBy(s => s), rules.Select(r => r.IdentityReference.Value).Distinct().OrderBy(s => s));
            Assert.All(rules, r => Assert.Equal(InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, r.InheritanceFlags));
        }

        private static string CurrentUser()
        {
            using WindowsIdentity identity = WindowsIdentity.GetCurrent();
            return identity.User.Value;
        }
    }
}
