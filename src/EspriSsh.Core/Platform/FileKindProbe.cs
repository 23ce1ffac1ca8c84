using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Tells a regular file from a FIFO, a device or a folder before anything reads it. .NET has no
    /// public API for the file type (FileInfo.Length is 0 for /dev/zero and a FIFO alike), so Unix asks
    /// the runtime's own stat shim (System.Native, present wherever .NET runs; its FileStatus keeps
    /// the mode at the same place on every platform) and Windows asks GetFileType of the open handle.
    /// </summary>
    public static class FileKindProbe
    {
        // PAL constants of System.Native (the same on Linux and macOS, whatever the libc says).
        private const int TypeMask = 0xF000, Fifo = 0x1000, CharDevice = 0x2000, Folder = 0x4000, BlockDevice = 0x6000, RegularFile = 0x8000, UnixSocket = 0xC000;

        // FileStatus is about 120 bytes; the mode is its second int32 (after Flags).
        private const int StatusBufferBytes = 512, ModeOffset = 4;

        private const int WindowsTypeDisk = 0x0001;

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
        /// The kind of an open file: Windows device names (CON, NUL, COM1...) look like files until
        /// opened. Unix: checked again, in case the path was swapped between Of and the open.
        /// </summary>
        public static FileKind OfOpen(SafeFileHandle handle, string path)
        {
            if (HostPlatform.IsWindows)
            {
                return Native.GetFileType(handle) == WindowsTypeDisk ? FileKind.Regular : FileKind.Device;
            }

            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                return UnixKind(handle.DangerousGetHandle()) ?? FileKind.Regular;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        private static unsafe FileKind? UnixKind(string path)
        {
            byte* status = stackalloc byte[StatusBufferBytes];
            try
            {
                return Native.Stat(Encoding.UTF8.GetBytes(path + "\0"), status) == 0 ? KindOf(*(int*)(status + ModeOffset)) : FileKind.Missing;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return null; // a runtime without System.Native (Mono): existence checks only
            }
        }

        private static unsafe FileKind? UnixKind(IntPtr fd)
        {
            byte* status = stackalloc byte[StatusBufferBytes];
            try
            {
                return Native.FStat(fd, status) == 0 ? KindOf(*(int*)(status + ModeOffset)) : (FileKind?)null;
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
            [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
            internal static extern int Stat(byte[] nulTerminatedUtf8Path, byte* status);

            [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
            internal static extern int FStat(IntPtr fd, byte* status);

            [DllImport("kernel32.dll")]
            internal static extern int GetFileType(SafeFileHandle handle);
        }
    }
}
