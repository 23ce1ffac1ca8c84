using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;

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

        /// <summary>
        /// Issue 26 item 1: a path flipped between a key and a FIFO as fast as the machine can while
        /// it is read over and over. A reader that looks, then opens with a blocking open, hangs in
        /// open(2) as soon as the FIFO comes in between (about 9,000 calls in the probe): the reader
        /// runs in a task bounded by a limit that fails the test instead of hanging it.
        /// </summary>
        [UnixFact]
        public void APathSwappedBetweenAFileAndAFifoNeverHangsARead()
        {
            const int Reads = 30000;
            using var dir = new TempDirectory();
            string path = dir.File("k.ppk");
            File.WriteAllText(path, "a key");
            using var stop = new CancellationTokenSource();
            using var flipping = new ManualResetEventSlim();

            // Own threads, and the reads start once the path has been a FIFO: on a loaded machine the thread
            // pool started the flipper after all the reads were done, and the test saw no swap at all.
            Task flipper = Task.Factory.StartNew(() => Flip(dir, path, flipping, stop.Token), TaskCreationOptions.LongRunning);
            Assert.True(flipping.Wait(HangLimit), "the flipper never made the path a FIFO");
            int contents = 0, refused = 0, missing = 0;
            Task reader = Task.Factory.StartNew(() =>
            {
                for (int i = 0; i < Reads; i++)
                {
                    try
                    {
                        if (BoundedFileReader.ReadIfExists(path, 1024, "key file") == null)
                        {
                            missing++;
                        }
                        else
                        {
                            contents++;
                        }
                    }
                    catch (EspriException ex) when (ex.ErrorId == ErrorIds.NotARegularFile)
                    {
                        refused++;
                    }
                }
            }, TaskCreationOptions.LongRunning);
            try
            {
                Assert.True(reader.Wait(HangLimit), $"a read hung after {contents + refused + missing} of {Reads} reads");
            }
            finally
            {
                stop.Cancel();
                ReleaseStuckReaders(dir);
                flipper.Wait(HangLimit);
            }

            Assert.Equal(Reads, contents + refused + missing);
            Assert.True(contents > 0 && refused > 0, $"the swap was seen both ways ({contents} read, {refused} refused)");
        }

        [UnixFact]
        public void ALinkIsRefusedWhereTheCallerDoesNotFollowLinks()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("real"), "x");
            SymbolicLink.Create(dir.File("link"), dir.File("real"));
            Assert.Equal(new byte[] { (byte)'x' }, BoundedFileReader.ReadIfExists(dir.File("link"), 10, "key file"));
            var ex = Assert.Throws<EspriException>(() => BoundedFileReader.ReadIfExists(dir.File("link"), 10, "key file", FileReadOptions.NoFollow));
            Assert.Equal(ErrorIds.NotARegularFile, ex.ErrorId);
            Assert.Contains($"a symbolic link (to '{dir.File("real")}')", ex.Message);
        }

        [UnixFact]
        public void ALinkSwappedInAfterTheLookIsNotFollowedWhenTheCallerSaysSo()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("real"), "x");
            SymbolicLink.Create(dir.File("link"), dir.File("real"));
            using JudgedFile file = JudgedFile.Open(dir.File("link"), followLinks: false);
            Assert.Equal(FileKind.SymbolicLink, file.Kind);
            Assert.Throws<InvalidOperationException>(() => file.Read(new byte[1], 0, 1));
        }

        [UnixFact]
        public void TheNullDeviceIsEmptyOnlyWhenTheCallerAsks()
        {
            using var dir = new TempDirectory();
            SymbolicLink.Create(dir.File("known_hosts"), "/dev/null");
            foreach (string path in new[] { "/dev/null", dir.File("known_hosts") })
            {
                Assert.Equal(ErrorIds.NotARegularFile, Assert.Throws<EspriException>(() => BoundedFileReader.ReadIfExists(path, 10, "known_hosts file")).ErrorId);
                Assert.Empty(BoundedFileReader.ReadIfExists(path, 10, "known_hosts file", FileReadOptions.NullDeviceIsEmpty));
            }

            Assert.Equal(ErrorIds.NotARegularFile, Assert.Throws<EspriException>(() => BoundedFileReader.ReadIfExists("/dev/zero", 10, "known_hosts file", FileReadOptions.NullDeviceIsEmpty)).ErrorId);
        }

        [UnixFact]
        public void AMessageSaysWhatALinkPointsTo()
        {
            using var dir = new TempDirectory();
            SymbolicLink.Create(dir.File("k.ppk"), "/dev/zero");
            var ex = Assert.Throws<EspriException>(() => BoundedFileReader.ReadIfExists(dir.File("k.ppk"), 10, "key file"));
            Assert.Contains("is a symbolic link to '/dev/zero', which is a device", ex.Message);
        }

        // Renames a fresh file, then a fresh FIFO, over the path until stopped.
        private static void Flip(TempDirectory dir, string path, ManualResetEventSlim flipping, CancellationToken stop)
        {
            string file = dir.File("file.tmp"), fifo = dir.File("fifo.tmp");
            while (!stop.IsCancellationRequested)
            {
                File.WriteAllText(file, "a key");
                Rename(file, path);
                if (mkfifo(fifo, Convert.ToUInt32("600", 8)) != 0)
                {
                    throw new IOException($"mkfifo failed (errno {Marshal.GetLastWin32Error()})");
                }

                Rename(fifo, path);
                flipping.Set();
            }
        }

        private static void Rename(string from, string to)
        {
            if (rename(from, to) != 0)
            {
                throw new IOException($"rename failed (errno {Marshal.GetLastWin32Error()})");
            }
        }

        // A reader stuck in open(2) on a FIFO is released by a writer: open it for writing without waiting.
        private static void ReleaseStuckReaders(TempDirectory dir)
        {
            const int WriteOnlyNonBlocking = 0x1 | 0x800;
            int fd = open(dir.File("k.ppk"), WriteOnlyNonBlocking);
            if (fd >= 0)
            {
                close(fd);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int mkfifo(string path, uint mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int rename(string from, string to);

        [DllImport("libc", SetLastError = true)]
        private static extern int open(string path, int flags);

        [DllImport("libc")]
        private static extern int close(int fd);
    }
}
