using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// A file opened for reading first, then judged by its open handle, so that what is judged is what
    /// is read: no swap of the path between a look and the open can make the read wait or go
    /// elsewhere. Unix: open(2) with O_NONBLOCK (a FIFO opens at once instead of waiting for a
    /// writer), O_NOCTTY, O_CLOEXEC, O_NOFOLLOW unless links are followed on purpose, then fstat of the
    /// descriptor. Windows: CreateFile (FILE_FLAG_OPEN_REPARSE_POINT unless links are followed), then
    /// GetFileType and the handle's attributes. Only a <see cref="FileKind.Regular"/> file is meant to be read.
    /// </summary>
    public sealed class JudgedFile : IDisposable
    {
        private readonly SafeHandle? handle;
        private readonly FileStream? stream;

        private JudgedFile(FileKind kind, SafeHandle? handle, FileStream? stream)
        {
            Kind = kind;
            this.handle = handle;
            this.stream = stream;
        }

        /// <summary>What the open handle is (SymbolicLink: a link that was not to be followed; nothing was opened).</summary>
        public FileKind Kind { get; }

        /// <summary>
        /// Opens <paramref name="path"/> without waiting; null when nothing is there (a dangling link
        /// included). Throws UnauthorizedAccessException when access is refused, IOException otherwise.
        /// </summary>
        public static JudgedFile? Open(string path, bool followLinks) =>
            HostPlatform.IsWindows ? OpenWindows(path, followLinks) : OpenUnix(path, followLinks);

        /// <summary>Reads up to <paramref name="count"/> bytes; 0 at the end. Only for a Regular file.</summary>
        public unsafe int Read(byte[] buffer, int offset, int count)
        {
            if (Kind != FileKind.Regular || (offset | count) < 0 || offset + count > buffer.Length)
            {
                throw new InvalidOperationException("Only a regular file is read, within its buffer.");
            }

            if (stream != null)
            {
                return stream.Read(buffer, offset, count);
            }

            fixed (byte* start = buffer)
            {
                while (true)
                {
                    long read = (long)Native.read(Descriptor, start + offset, (IntPtr)count);
                    if (read >= 0)
                    {
                        return (int)read;
                    }

                    int errno = Marshal.GetLastWin32Error();
                    if (errno != UnixOpenFlags.Interrupted)
                    {
                        throw new IOException($"Reading failed (errno {errno}).");
                    }
                }
            }
        }

        public void Dispose()
        {
            stream?.Dispose();
            handle?.Dispose();
        }

        private int Descriptor => (int)handle!.DangerousGetHandle();

        private static JudgedFile? OpenUnix(string path, bool followLinks)
        {
            int flags = UnixOpenFlags.ReadNonBlocking | (followLinks ? 0 : UnixOpenFlags.NoFollow);
            int fd = Native.open(Encoding.UTF8.GetBytes(path + "\0"), flags);
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                switch (errno)
                {
                    case UnixOpenFlags.NoSuchFile:
                    case UnixOpenFlags.NotADirectory:
                        return null;
                    case UnixOpenFlags.NoDeviceOrAddress:
                        return new JudgedFile(FileKind.Socket, null, null); // what open(2) says of a Unix socket
                    case UnixOpenFlags.AccessDenied:
                    case UnixOpenFlags.PermissionNotAllowed:
                        throw new UnauthorizedAccessException($"Access to the path {UntrustedText.Quoted(path)} is denied.");
                    default:
                        if (errno == UnixOpenFlags.TooManyLinks && !followLinks)
                        {
                            return new JudgedFile(FileKind.SymbolicLink, null, null);
                        }

                        throw new IOException(errno == UnixOpenFlags.TooManyLinks
                            ? $"{UntrustedText.Quoted(path)} is a loop of symbolic links."
                            : $"{UntrustedText.Quoted(path)} could not be opened (errno {errno}).");
                }
            }

            var descriptor = new UnixDescriptor(fd);
            return new JudgedFile(FileKindProbe.OfDescriptor(fd) ?? FileKind.Regular, descriptor, null);
        }

        private static JudgedFile? OpenWindows(string path, bool followLinks)
        {
            const uint GenericRead = 0x80000000, ShareAll = 7, OpenExisting = 3, SequentialScan = 0x08000000, OpenReparsePoint = 0x00200000;
            const int FileNotFound = 2, PathNotFound = 3, AccessDenied = 5, ReparsePoint = 0x400, Folder = 0x10;
            SafeFileHandle opened = Native.CreateFileW(path, GenericRead, ShareAll, IntPtr.Zero, OpenExisting,
                SequentialScan | (followLinks ? 0 : OpenReparsePoint), IntPtr.Zero);
            if (opened.IsInvalid)
            {
                int error = Marshal.GetLastWin32Error();
                opened.Dispose();
                if (error == FileNotFound || error == PathNotFound)
                {
                    return null;
                }

                string why = new Win32Exception(error).Message;
                throw error == AccessDenied ? new UnauthorizedAccessException(why) : (Exception)new IOException(why);
            }

            FileKind kind = FileKindProbe.OfWindowsHandle(opened);
            int attributes = kind == FileKind.Regular && Native.GetFileInformationByHandle(opened, out ByHandleFileInformation info) ? info.Attributes : 0;
            kind = (attributes & ReparsePoint) != 0 ? FileKind.SymbolicLink : (attributes & Folder) != 0 ? FileKind.Directory : kind;
            return new JudgedFile(kind, opened, kind == FileKind.Regular ? new FileStream(opened, FileAccess.Read, 1) : null);
        }

        /// <summary>A descriptor from open(2), closed with close(2) (Mono's FileStream refuses raw descriptors).</summary>
        private sealed class UnixDescriptor : SafeHandleMinusOneIsInvalid
        {
            public UnixDescriptor(int fd)
                : base(true) => SetHandle((IntPtr)fd);

            protected override bool ReleaseHandle() => Native.close((int)handle) == 0;
        }

        // BY_HANDLE_FILE_INFORMATION: FILETIMEs are two DWORDs, aligned on 4 bytes.
        [StructLayout(LayoutKind.Sequential, Pack = 4)]
        private struct ByHandleFileInformation
        {
            public int Attributes;
            public long CreationTime, LastAccessTime, LastWriteTime;
            public int VolumeSerialNumber, FileSizeHigh, FileSizeLow, NumberOfLinks, FileIndexHigh, FileIndexLow;
        }

        private static unsafe class Native
        {
            // Two arguments: without O_CREAT open(2) takes no mode (and a variadic third one differs between ABIs).
            [DllImport("libc", SetLastError = true)]
            internal static extern int open(byte[] nulTerminatedUtf8Path, int flags);

            [DllImport("libc", SetLastError = true)]
            internal static extern IntPtr read(int fd, byte* buffer, IntPtr count);

            [DllImport("libc", SetLastError = true)]
            internal static extern int close(int fd);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            internal static extern SafeFileHandle CreateFileW(string path, uint access, uint share, IntPtr security, uint creation, uint flags, IntPtr template);

            [DllImport("kernel32.dll", SetLastError = true)]
            internal static extern bool GetFileInformationByHandle(SafeFileHandle handle, out ByHandleFileInformation information);
        }
    }
}
