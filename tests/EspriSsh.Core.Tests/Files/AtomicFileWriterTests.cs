using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Tests.Files
{
    [Collection(ProcessStateCollection.Name)]
    public class AtomicFileWriterTests
    {
        [Fact]
        public void WritesTheWholeContentAndLeavesNoTempFile()
        {
            using var dir = new TempDirectory();
            string path = dir.File("config");
            AtomicFileWriter.WriteAllText(path, "Host a\n", ownerOnly: false);
            AtomicFileWriter.WriteAllText(path, "Host b\n", ownerOnly: false);
            Assert.Equal("Host b\n", File.ReadAllText(path));
            Assert.Equal(new[] { "config" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        }

        [UnixFact(NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void PrivateFilesAreOwnerOnly()
        {
            using var dir = new TempDirectory();
            string path = dir.File("id_ed25519");
            AtomicFileWriter.WriteAllBytes(path, new byte[] { 1, 2, 3 }, ownerOnly: true);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixModes.Get(path));
        }

        [UnixFact(NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void TheTempFileIsOwnerOnlyBeforeTheFirstByte()
        {
            // Observe the temp file from inside the protection seam, at the moment it is created.
            using var dir = new TempDirectory();
            var spy = new SpyProtection();
            using (HostPlatform.Override(spy))
            {
                AtomicFileWriter.WriteAllBytes(dir.File("secret"), new byte[] { 42 }, ownerOnly: true);
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, spy.ModeAtCreation);
            Assert.Equal(0, spy.LengthAtCreation);
        }

        [Fact]
        public void AMissingFolderGivesFileWriteFailedAndNoDebris()
        {
            using var dir = new TempDirectory();
            var ex = Assert.Throws<EspriException>(() => AtomicFileWriter.WriteAllText(Path.Combine(dir.Path, "nope", "file"), "x", false));
            Assert.Equal(ErrorIds.FileWriteFailed, ex.ErrorId);
            Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        }

        [UnixFact(NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void UnixDirectoriesAreCreated0700()
        {
            using var dir = new TempDirectory();
            string ssh = Path.Combine(dir.Path, "home", ".ssh");
            HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(ssh);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, UnixModes.Get(ssh));
        }

        [UnixFact(NotOnMono = MonoLimits.UnixProtectionIsNet8Only)]
        public void InspectFlagsGroupReadableKeys()
        {
            using var dir = new TempDirectory();
            string path = dir.File("id_ed25519");
            File.WriteAllText(path, "x");
            UnixModes.Set(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            AccessVerdict open = HostPlatform.FileProtection.Inspect(path);
            Assert.False(open.IsOwnerOnly);
            Assert.Equal("0644", open.Description);
            Assert.Contains("chmod 600", open.Problem);
            HostPlatform.FileProtection.RestrictToOwner(path);
            Assert.True(HostPlatform.FileProtection.Inspect(path).IsOwnerOnly);
        }

        private sealed class SpyProtection : IFileProtection
        {
            private readonly IFileProtection real = HostPlatform.FileProtection; // taken before the override

            public UnixFileMode ModeAtCreation { get; private set; }

            public long LengthAtCreation { get; private set; } = -1;

            public FileStream CreateOwnerOnlyFile(string path)
            {
                FileStream stream = real.CreateOwnerOnlyFile(path);
                ModeAtCreation = UnixModes.Get(path);
                LengthAtCreation = new FileInfo(path).Length;
                return stream;
            }

            public void EnsureOwnerOnlyDirectory(string path) => real.EnsureOwnerOnlyDirectory(path);

            public AccessVerdict Inspect(string path) => real.Inspect(path);

            public void RestrictToOwner(string path) => real.RestrictToOwner(path);

            public AccessVerdict InspectFolder(string path) => real.InspectFolder(path);

            public void RemoveOthersWrite(string path) => real.RemoveOthersWrite(path);
        }
    }
}
