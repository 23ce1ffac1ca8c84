using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;
using Xunit;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>What KeyInventory lists and skips, and the Windows rights verdict through the platform seam.</summary>
    [Collection(ProcessStateCollection.Name)]
    public sealed class KeyInventoryTests
    {
        private const string User = "S-1-5-21-1-2-3-1001";

        [RequiresToolsFact(SshKeygen.Tool)]
        public void ListsKeysAndTheirBackupsButNotConfigFilesOrPublicLinesUnderKeyNames()
        {
            using var dir = new TempDirectory();
            string key = SshKeygen.Make(dir, "id_ed25519", "ed25519", "");
            File.Copy(key, dir.File("id_ed25519.bak"));
            File.Copy(key + ".pub", dir.File("id_ed25519.pub.bak"));
            File.Copy(key + ".pub", dir.File("id_work"));
            File.WriteAllText(dir.File("config"), "Host spirit1\n");
            File.WriteAllText(dir.File("known_hosts"), File.ReadAllText(key + ".pub"));
            File.WriteAllText(dir.File("notes.txt"), "not a key");

            var entries = KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default));

            Assert.Equal(new[] { "id_ed25519", "id_ed25519.bak" }, entries.Select(e => Path.GetFileName(e.Path)).ToArray());
            Assert.All(entries, e => Assert.Null(e.InAgent));
            Assert.Equal(entries[0].Fingerprint, entries[1].Fingerprint);
            Assert.Equal(SshKeygenFingerprint(key + ".pub"), entries[0].Fingerprint);
        }

        [RequiresToolsFact(SshKeygen.Tool, "mkfifo")]
        public void AFifoUnderAKeyNameIsAnEntryWithAProblemAndTheScanGoesOn()
        {
            using var dir = new TempDirectory();
            SshKeygen.Make(dir, "id_ed25519", "ed25519", "");
            ExternalTool.Check("mkfifo", dir.File("id_rsa"));
            ExternalTool.Check("mkfifo", dir.File("id_rsa.pub"));

            var scan = System.Threading.Tasks.Task.Run(() => KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default)));
            Assert.True(scan.Wait(TimeSpan.FromSeconds(60)), "the scan hung on a FIFO"); // a hang detector, not a timing

            KeyEntry fifo = scan.Result.Single(e => e.Path == dir.File("id_rsa"));
            Assert.Null(fifo.Format);
            Assert.Contains(fifo.Problems, p => p.Contains("named pipe"));
            Assert.NotNull(scan.Result.Single(e => e.Path == dir.File("id_ed25519")).Fingerprint);
        }

        /// <summary>
        /// Issue 26 item 4: a .ppk that is a link to a device, a FIFO, a socket or nothing gets no rights
        /// advice (chmod follows links: as root, on /dev/zero, it would break the device); the problem
        /// says what the link points to.
        /// </summary>
        [UnixTheory("mkfifo", "python3")]
        [InlineData("device", "which is a device")]
        [InlineData("fifo", "which is a named pipe (FIFO)")]
        [InlineData("socket", "which is a socket")]
        [InlineData("gone", "which does not exist")]
        public void ALinkToNoKeyFileSaysWhatItPointsToAndGetsNoRightsAdvice(string target, string said)
        {
            using var dir = new TempDirectory();
            ExternalTool.Check("mkfifo", dir.File("fifo"));
            ExternalTool.Check("python3", "-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{dir.File("socket")}')");
            string pointed = target == "device" ? "/dev/zero" : dir.File(target);
            SymbolicLink.Create(dir.File("k.ppk"), pointed);

            foreach (KeyEntry entry in new[] { KeyInventory.Scan(dir.File("k.ppk"), new KeyInventoryOptions(SiteProfileLoader.Default)).Single(),
                KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default)).Single(e => e.Path == dir.File("k.ppk")) })
            {
                Assert.Equal($"It is a symbolic link to '{pointed}', {said}: no key can be read through it. Rights are never changed through a link.", Assert.Single(entry.Problems));
                Assert.Equal("link", entry.Permissions);
                Assert.Null(entry.PermissionsOk);
            }
        }

        [UnixFact(SshKeygen.Tool, NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void ALinkToAnOpenKeyNamesTheFileWithoutACommandThroughTheLink()
        {
            using var dir = new TempDirectory();
            string key = SshKeygen.Make(dir, "real_key", "ed25519", "");
            UnixModes.Set(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            SymbolicLink.Create(dir.File("id_ed25519"), key);

            KeyEntry entry = KeyInventory.Scan(dir.File("id_ed25519"), new KeyInventoryOptions(SiteProfileLoader.Default)).Single();

            Assert.Equal("link", entry.Permissions);
            Assert.False(entry.PermissionsOk);
            Assert.NotNull(entry.Fingerprint);
            Assert.Contains(entry.Problems, p => p.StartsWith($"It is a symbolic link to '{key}', whose rights (0644) let other users read it"));
            Assert.DoesNotContain(entry.Problems, p => p.Contains("chmod") || p.Contains("Repair-EspriKeyPermission"));
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void InAgentComesFromTheAgentsFingerprints()
        {
            using var dir = new TempDirectory();
            string loaded = SshKeygen.Make(dir, "id_ed25519", "ed25519", "");
            SshKeygen.Make(dir, "other", "ed25519", "");

            var entries = KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default) { AgentFingerprints = new[] { SshKeygenFingerprint(loaded + ".pub") } });

            Assert.True(entries.Single(e => e.Path == loaded).InAgent);
            Assert.False(entries.Single(e => e.Path != loaded).InAgent);
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void WindowsRightsTooOpenAreAProblemWithOneFix()
        {
            using var dir = new TempDirectory();
            string key = SshKeygen.Make(dir, "id_ed25519", "ed25519", "pw");
            var everyoneReads = new[] { new AclEntry(User, true), new AclEntry("S-1-1-0", true) };
            using (HostPlatform.Override(new WindowsAclFake(dir.Path, everyoneReads)))
            {
                KeyEntry entry = KeyInventory.Scan(key, new KeyInventoryOptions(SiteProfileLoader.Default)).Single();

                Assert.False(entry.PermissionsOk);
                string problem = Assert.Single(entry.Problems);
                Assert.Equal(1, CountOf(problem, "Repair-EspriKeyPermission"));
                Assert.Equal(KeyPolicyVerdict.Preferred, entry.SitePolicy);
            }
        }

        private static string SshKeygenFingerprint(string pub) => ExternalTool.Check(SshKeygen.Tool, "-l", "-E", "sha256", "-f", pub).Split(' ')[1];

        private static int CountOf(string text, string word) => (text.Length - text.Replace(word, "").Length) / word.Length;

        // Windows' verdict (WindowsAclRules) for files of one test folder; the real protection elsewhere.
        private sealed class WindowsAclFake : IFileProtection
        {
            private readonly IFileProtection real = HostPlatform.FileProtection; // taken before the override
            private readonly string folder;
            private readonly AclEntry[] acl;

            public WindowsAclFake(string folder, AclEntry[] acl)
            {
                this.folder = folder;
                this.acl = acl;
            }

            public FileStream CreateOwnerOnlyFile(string path) => real.CreateOwnerOnlyFile(path);

            public void EnsureOwnerOnlyDirectory(string path) => real.EnsureOwnerOnlyDirectory(path);

            public AccessVerdict Inspect(string path) =>
                path.StartsWith(folder, StringComparison.Ordinal) ? WindowsAclRules.Evaluate(path, User, User, acl) : real.Inspect(path);

            public void RestrictToOwner(string path) => real.RestrictToOwner(path);

            public AccessVerdict InspectFolder(string path) => real.InspectFolder(path);

            public void RemoveOthersWrite(string path) => real.RemoveOthersWrite(path);
        }
    }
}
