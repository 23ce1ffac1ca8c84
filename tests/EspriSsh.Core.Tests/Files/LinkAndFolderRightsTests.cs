using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Tests.Files
{
    /// <summary>
    /// Rights are never changed through a symbolic link, and folders others may write to are found as
    /// StrictModes finds them. Links and modes are made with the real ln and chmod, read with stat.
    /// </summary>
    public class LinkAndFolderRightsTests
    {
        private static string Mode(string path) => ExternalTool.Check("stat", "-c", "%a", path).Trim();

        [UnixFact("ln", "chmod", "stat")]
        public void ALinkIsSeenAsALinkWhateverItPointsTo()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("real"), "x");
            ExternalTool.Check("ln", "-s", dir.File("real"), dir.File("link"));
            ExternalTool.Check("ln", "-s", dir.File("gone"), dir.File("dangling"));
            ExternalTool.Check("ln", "-s", dir.Path, dir.File("folder-link"));
            Assert.Equal(dir.File("real"), FileLinks.TargetOf(dir.File("link")));
            Assert.Equal(dir.File("gone"), FileLinks.TargetOf(dir.File("dangling")));
            Assert.Equal(dir.Path, FileLinks.TargetOf(dir.File("folder-link")));
            Assert.Null(FileLinks.TargetOf(dir.File("real")));
            Assert.Null(FileLinks.TargetOf(dir.Path));
            Assert.Null(FileLinks.TargetOf(dir.File("missing")));
        }

        [UnixFact("ln", "chmod", "stat", NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void RestrictingALinkFailsAndLeavesItsTargetAlone()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("victim"), "x");
            ExternalTool.Check("chmod", "644", dir.File("victim"));
            ExternalTool.Check("ln", "-s", dir.File("victim"), dir.File("id_planted"));
            Assert.Throws<IOException>(() => HostPlatform.FileProtection.RestrictToOwner(dir.File("id_planted")));
            Assert.Throws<IOException>(() => HostPlatform.FileProtection.RemoveOthersWrite(dir.File("id_planted")));
            Assert.Equal("644", Mode(dir.File("victim")));

            PermissionRepair repair = KeyPermissionRepairer.Repair(new PermissionTarget(dir.File("id_planted")), _ => true);
            Assert.False(repair.Changed);
            Assert.Contains("is a symbolic link", repair.Problem);
            Assert.Equal("644", Mode(dir.File("victim")));
        }

        [UnixFact("chmod", "stat", NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void RestrictingARegularFileOrFolderStillWorks()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("key"), "x");
            ExternalTool.Check("chmod", "664", dir.File("key"));
            Directory.CreateDirectory(dir.File("sub"));
            ExternalTool.Check("chmod", "2777", dir.File("sub"));
            HostPlatform.FileProtection.RestrictToOwner(dir.File("key"));
            HostPlatform.FileProtection.RemoveOthersWrite(dir.File("sub"));
            Assert.Equal("600", Mode(dir.File("key")));
            Assert.Equal("2755", Mode(dir.File("sub")));
        }

        [UnixFact("chmod", NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void FindsEveryFolderUpToTheHomeThatOthersMayWriteTo()
        {
            using var home = new TempDirectory();
            string ssh = Path.Combine(home.Path, "nested", ".ssh");
            Directory.CreateDirectory(ssh);
            Assert.Equal(new[] { ssh, Path.Combine(home.Path, "nested"), home.Path }, SshFolderSafety.FoldersUpToHome(ssh + "/", home.Path));
            Assert.Equal(new[] { "/etc/ssh" }, SshFolderSafety.FoldersUpToHome("/etc/ssh", home.Path));

            ExternalTool.Check("chmod", "700", ssh);
            ExternalTool.Check("chmod", "770", Path.Combine(home.Path, "nested"));
            ExternalTool.Check("chmod", "757", home.Path);
            var verdicts = SshFolderSafety.FoldersUpToHome(ssh, home.Path).Select(f => (f, HostPlatform.FileProtection.InspectFolder(f))).ToList();
            Assert.Equal(new[] { true, false, false }, verdicts.Select(v => v.Item2.IsOwnerOnly));
            Assert.Equal("0770", verdicts[1].Item2.Description);
            Assert.Contains("StrictModes", verdicts[2].Item2.Problem);
            Assert.Contains($"chmod go-w '{home.Path}'", verdicts[2].Item2.Problem);
        }
    }
}
