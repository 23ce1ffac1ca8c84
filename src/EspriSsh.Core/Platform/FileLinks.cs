using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using Microsoft.Win32.SafeHandles;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Symbolic links (and Windows reparse points), seen both ways: as themselves (a link planted in
    /// ~/.ssh must never make us change the rights of the file it names), and followed to the file a
    /// path finally names (a rewrite goes into the real file, and a dotfiles manager's link to
    /// ~/.ssh/config stays a link). Following runs the same code in both builds (Windows PowerShell
    /// 5.1's netstandard2.0 and pwsh 7's .NET 8): the runtime's readlink on Unix,
    /// GetFinalPathNameByHandle on Windows.
    /// </summary>
    public static class FileLinks
    {
        // The kernel's own limit (ELOOP) for a chain of links.
        private const int MaxHops = 40;

        private const int PathBufferChars = 32 * 1024;

        /// <summary>Where the link at <paramref name="path"/> points, or null when it is not a link (or does not exist).</summary>
        public static string? TargetOf(string path)
        {
            try
            {
                // GetAttributes reads the link itself (lstat), never its target.
                if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0)
                {
                    return null;
                }
            }
            catch (IOException)
            {
                return null;
            }
#if NET
            return new FileInfo(path).LinkTarget ?? "(a link)";
#else
            return (HostPlatform.IsWindows ? null : UnixReadLink(path)) ?? "(a link)";
#endif
        }

        /// <summary>The final target of <paramref name="path"/>; the full path itself when it is no link or does not exist.</summary>
        public static string FinalTarget(string path)
        {
            string current = Path.GetFullPath(path);
            if (HostPlatform.IsWindows)
            {
                return WindowsFinalPath(current) ?? current;
            }

            for (int hop = 0; hop < MaxHops; hop++)
            {
                string? target = UnixReadLink(current);
                if (target == null)
                {
                    return current;
                }

                current = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, target));
            }

            throw new EspriException(ErrorIds.FileUnreadable,
                $"{UntrustedText.Quoted(path)} is a chain of more than {MaxHops} symbolic links (a loop?). Point it at the real file.", path);
        }

        private static unsafe string? UnixReadLink(string path)
        {
            byte[] buffer = new byte[PathBufferChars];
            fixed (byte* start = buffer)
            {
                int length;
                try
                {
                    length = Native.ReadLink(Encoding.UTF8.GetBytes(path + "\0"), start, buffer.Length);
                }
                catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
                {
                    return null; // a runtime without System.Native: links are written over, as before
                }

                return length <= 0 ? null : Encoding.UTF8.GetString(buffer, 0, length);
            }
        }

        private static string? WindowsFinalPath(string path)
        {
            const uint NoAccess = 0, ShareAll = 7, OpenExisting = 3, BackupSemantics = 0x02000000;
            using SafeFileHandle handle = Native.CreateFileW(path, NoAccess, ShareAll, IntPtr.Zero, OpenExisting, BackupSemantics, IntPtr.Zero);
            if (handle.IsInvalid)
            {
                return null;
            }

            var buffer = new StringBuilder(PathBufferChars);
            int length = Native.GetFinalPathNameByHandleW(handle, buffer, buffer.Capacity, 0);
            if (length <= 0 || length >= buffer.Capacity)
            {
                return null;
            }

            string final = buffer.ToString(0, length);
            return final.StartsWith(@"\\?\UNC\", StringComparison.Ordinal) ? @"\\" + final.Substring(8)
                : final.StartsWith(@"\\?\", StringComparison.Ordinal) ? final.Substring(4)
                : final;
        }

        private static unsafe class Native
        {
            [DllImport("System.Native", EntryPoint = "SystemNative_ReadLink", SetLastError = true)]
            internal static extern int ReadLink(byte[] nulTerminatedUtf8Path, byte* buffer, int bufferSize);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            internal static extern SafeFileHandle CreateFileW(string path, uint access, uint share, IntPtr security, uint creation, uint flags, IntPtr template);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            internal static extern int GetFinalPathNameByHandleW(SafeFileHandle handle, StringBuilder buffer, int bufferLength, uint flags);
        }
    }
}
