using System;
using System.IO;
using System.Threading.Tasks;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Files
{
    public class BoundedFileReaderTests
    {
        // Only a hang detector: a FIFO opened for reading would block forever.
        private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

        [Fact]
        public void ReadsAWholeSmallFileAndNothingForAMissingOne()
        {
            using var dir = new TempDirectory();
            File.WriteAllBytes(dir.File("a"), new byte[] { 1, 2, 3 });
            Assert.Equal(new byte[] { 1, 2, 3 }, BoundedFileReader.ReadIfExists(dir.File("a"), 3, "test file"));
            Assert.Null(BoundedFileReader.ReadIfExists(dir.File("missing"), 3, "test file"));
        }

        [Fact]
        public void StopsOneBytePastTheLimit()
        {
            using var dir = new TempDirectory();
            File.WriteAllBytes(dir.File("a"), new byte[200 * 1024]);
            var ex = Assert.Throws<EspriException>(() => BoundedFileReader.ReadIfExists(dir.File("a"), 100 * 1024, "test file"));
            Assert.Equal(ErrorIds.FileTooLarge, ex.ErrorId);
            Assert.Contains("100 KiB", ex.Message);
            Assert.Equal(dir.File("a"), ex.Target);
        }

        [Fact]
        public void AFolderIsNotARegularFile()
        {
            using var dir = new TempDirectory();
            Directory.CreateDirectory(dir.File("sub"));
            var ex = Assert.Throws<EspriException>(() => BoundedFileReader.ReadIfExists(dir.File("sub"), 100, "key file"));
            Assert.Equal(ErrorIds.NotARegularFile, ex.ErrorId);
            Assert.Contains("a folder", ex.Message);
        }

        [UnixFact]
        public void DevZeroAndALinkToItAreRefusedWithoutReading()
        {
            using var dir = new TempDirectory();
            SymbolicLink.Create(dir.File("id_ed25519"), "/dev/zero");
            foreach (string path in new[] { "/dev/zero", dir.File("id_ed25519") })
            {
                var ex = Assert.Throws<EspriException>(() => KeyFile.Load(path));
                Assert.Equal(ErrorIds.NotARegularFile, ex.ErrorId);
                Assert.Contains("a device", ex.Message);
            }
        }

        [RequiresToolsFact("mkfifo")]
        public void AFifoIsRefusedWithoutWaitingForAWriter()
        {
            using var dir = new TempDirectory();
            ExternalTool.Check("mkfifo", dir.File("fifo"));
            SymbolicLink.Create(dir.File("config"), dir.File("fifo"));
            foreach (string path in new[] { dir.File("fifo"), dir.File("config") })
            {
                Task<byte[]> read = Task.Run(() => BoundedFileReader.ReadIfExists(path, 1024, "ssh config file"));
                Assert.True(read.ContinueWith(_ => { }).Wait(HangLimit), "reading a FIFO hung");
                var ex = Assert.IsType<EspriException>(read.Exception?.InnerException);
                Assert.Equal(ErrorIds.NotARegularFile, ex.ErrorId);
                Assert.Contains("named pipe", ex.Message);
            }
        }

        [UnixFact]
        public void ADanglingLinkIsAMissingFile()
        {
            using var dir = new TempDirectory();
            SymbolicLink.Create(dir.File("id_rsa"), dir.File("gone"));
            Assert.Null(BoundedFileReader.ReadIfExists(dir.File("id_rsa"), 100, "key file"));
        }

        [UnixFact(NotAsRoot = true)]
        public void AnUnreadableFileIsFileUnreadableNotAnIOException()
        {
            using var dir = new TempDirectory();
            string path = dir.File("id_ed25519");
            File.WriteAllText(path, "x");
            UnixModes.Set(path, UnixFileMode.None);
            var ex = Assert.Throws<EspriException>(() => KeyFile.Load(path));
            Assert.Equal(ErrorIds.FileUnreadable, ex.ErrorId);
            Assert.IsType<UnauthorizedAccessException>(ex.InnerException);
        }
    }
}
