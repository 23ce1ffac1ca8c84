using System;
using System.IO;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Tests.Files
{
    [Collection(ProcessStateCollection.Name)]
    public class BackupAndDirectoryTests
    {
        [Fact]
        public void BackupsNeverOverwriteEarlierBackups()
        {
            using var dir = new TempDirectory();
            string path = dir.File("id_ed25519");
            File.WriteAllText(path, "one");
            Assert.Equal(path + ".bak", BackupFile.Create(path, ownerOnly: true));
            File.WriteAllText(path, "two");
            Assert.Equal(path + ".bak.1", BackupFile.Create(path, ownerOnly: true));
            Assert.Equal("one", File.ReadAllText(path + ".bak"));
            Assert.Equal("two", File.ReadAllText(path + ".bak.1"));
            if (!TestHost.IsWindows)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixModes.Get(path + ".bak.1"));
            }
        }

        [Fact]
        public void NothingToBackUpGivesNull()
        {
            using var dir = new TempDirectory();
            Assert.Null(BackupFile.Create(dir.File("missing"), ownerOnly: false));
        }

        [Fact]
        public void SshDirectoryPrefersTheExplicitOneThenEspriHome()
        {
            using var dir = new TempDirectory();
            Assert.Equal(Path.GetFullPath(dir.Path), SshDirectory.Resolve(dir.Path));
            string old = Environment.GetEnvironmentVariable("ESPRISSH_HOME");
            try
            {
                Environment.SetEnvironmentVariable("ESPRISSH_HOME", dir.Path);
                Assert.Equal(Path.Combine(dir.Path, ".ssh"), SshDirectory.Resolve(null));
                Assert.Equal(Path.Combine(dir.Path, "id_ed25519"), SshDirectory.ExpandHome("~/id_ed25519"));
                Environment.SetEnvironmentVariable("ESPRISSH_HOME", null);
                Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh"), SshDirectory.Resolve(null));
            }
            finally
            {
                Environment.SetEnvironmentVariable("ESPRISSH_HOME", old);
            }
        }
    }
}
