using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Tells a regular file from a FIFO, a device or a folder. .NET has no public API for the file
    /// type (FileInfo.Length is 0 for /dev/zero and a FIFO alike), so Unix asks the runtime's own stat
    /// shim (System.Native: .NET's libSystem.Native, Mono's libmono-native, where it is still named
    /// ...Stat2; its FileStatus keeps the mode at the same place on every platform) and Windows asks
    /// GetFileType of an open handle. What a path names can change after it is looked at: a read is
    /// judged on its open handle (<see cref="JudgedFile"/>), a look by path only spares opening a
    /// device at all and words messages.
    /// </summary>
    public static class FileKindProbe
    {
        // PAL constants of System.Native (the same on Linux and macOS, whatever the libc says).
        private const int TypeMask = 0xF000, Fifo = 0x1000, CharDevice = 0x2000, Folder = 0x4000, BlockDevice = 0x6000, RegularFile = 0x8000, UnixSocket = 0xC000;

        // FileStatus is about 120 bytes; the mode is its second int32 (after Flags).
        private const int StatusBufferBytes = 512, ModeOffset = 4;

        private const int WindowsTypeDisk = 0x0001, WindowsTypePipe = 0x0003;

        /// <summary>The kind of <paramref name="path"/>, links followed (a dangling link is Missing).</summary>
        public static FileKind Of(string path)
        {
            if (!HostPlatform.IsWindows)
            {
                FileKind? fromStat = UnixKind(path);
                if (fromStat != null)
                {
                    return fromStat.Value;
                }
            }

            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        /// <summary>
        /// True for the null device (/dev/null, NUL), links to it included: ssh reads it as an empty
        /// file. For callers that decide to do the same; the reader itself refuses every device.
        /// </summary>
        public static bool IsNullDevice(string path)
        {
            if (HostPlatform.IsWindows)
            {
                // NUL names the device in any folder (\\.\NUL, C:\any\NUL).
                return string.Equals(Path.GetFileName(path.TrimEnd('\\', '/')), "NUL", StringComparison.OrdinalIgnoreCase);
            }

            return Of(path) == FileKind.Device && FileLinks.FinalTarget(path) == "/dev/null";
        }

        /// <summary>The kind of an open Windows handle: device names (CON, NUL, COM1...) look like files until opened; pipes too.</summary>
        public static FileKind OfWindowsHandle(SafeFileHandle handle) => Native.GetFileType(handle) switch
        {
            WindowsTypeDisk => FileKind.Regular,
            WindowsTypePipe => FileKind.NamedPipe,
            _ => FileKind.Device,
        };

        /// <summary>The kind of an open Unix descriptor (fstat); null on a runtime without System.Native.</summary>
        public static FileKind? OfDescriptor(int fd) => UnixKind((IntPtr)fd);

        /// <summary>"a folder", "a named pipe (FIFO)", "a device"...: what a message says a path is.</summary>
        public static string Describe(FileKind kind) => kind switch
        {
            FileKind.Regular => "a file",
            FileKind.Directory => "a folder",
            FileKind.NamedPipe => "a named pipe (FIFO)",
            FileKind.Device => "a device",
            FileKind.Socket => "a socket",
            FileKind.SymbolicLink => "a symbolic link",
            FileKind.Missing => "missing",
            _ => "not a regular file",
        };

        private static unsafe FileKind? UnixKind(string path)
        {
            byte* status = stackalloc byte[StatusBufferBytes];
            try
            {
                byte[] name = Encoding.UTF8.GetBytes(path + "\0");
                int result;
                try
                {
                    result = Native.Stat(name, status);
                }
                catch (EntryPointNotFoundException)
                {
                    result = Native.Stat2(name, status);
                }

                return result == 0 ? KindOf(*(int*)(status + ModeOffset)) : FileKind.Missing;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return null; // a runtime without System.Native: existence checks only
            }
        }

        private static unsafe FileKind? UnixKind(IntPtr fd)
        {
            byte* status = stackalloc byte[StatusBufferBytes];
            try
            {
                int result;
                try
                {
                    result = Native.FStat(fd, status);
                }
                catch (EntryPointNotFoundException)
                {
                    result = Native.FStat2(fd, status);
                }

                return result == 0 ? KindOf(*(int*)(status + ModeOffset)) : (FileKind?)null;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return null;
            }
        }

        private static FileKind KindOf(int mode)
        {
            switch (mode & TypeMask)
            {
                case RegularFile: return FileKind.Regular;
                case Folder: return FileKind.Directory;
                case Fifo: return FileKind.NamedPipe;
                case CharDevice:
                case BlockDevice: return FileKind.Device;
                case UnixSocket: return FileKind.Socket;
                default: return FileKind.Other;
            }
        }

        private static unsafe class Native
        {
            [DllImport("System.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
            internal static extern int Stat(byte[] nulTerminatedUtf8Path, byte* status);

            [DllImport("System.Native", EntryPoint = "SystemNative_Stat2", SetLastError = true)]
            internal static extern int Stat2(byte[] nulTerminatedUtf8Path, byte* status);

            [DllImport("System.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
            internal static extern int FStat(IntPtr fd, byte* status);

            [DllImport("System.Native", EntryPoint = "SystemNative_FStat2", SetLastError = true)]
            internal static extern int FStat2(IntPtr fd, byte* status);

            [DllImport("kernel32.dll")]
            internal static extern int GetFileType(SafeFileHandle handle);
        }
    }
}
