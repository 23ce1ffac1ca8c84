#if NET
using System;
using System.IO;
using System.Runtime.InteropServices;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Unix modes: private files 0600, the ssh directory 0700, as ssh-keygen creates them. In the net8.0
    /// build only: that is what pwsh 7 loads on every OS; the netstandard2.0 build is loaded by Windows
    /// PowerShell 5.1 alone, so it never runs on Unix (HostPlatform refuses there).
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal sealed class UnixFileProtection : IFileProtection
    {
        private const int GroupOrOtherWrite = 0x12; // 022: what StrictModes forbids on a folder

        // The mode is given to open(2): the file never exists with wider rights.
        public FileStream CreateOwnerOnlyFile(string path) => new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });

        public void EnsureOwnerOnlyDirectory(string path)
        {
            if (Directory.Exists(path))
            {
                return;
            }

            string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
            {
                Directory.CreateDirectory(parent!);
            }
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public AccessVerdict Inspect(string path)
        {
            int mode = ModeOf(path);
            string octal = "0" + Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');
            const int groupOrOther = 0x3F; // rwx for group and others (077)
            if ((mode & groupOrOther) != 0)
            {
                return new AccessVerdict(false, octal,
                    $"mode {octal} lets other users read it; OpenSSH ignores such a private key (\"UNPROTECTED PRIVATE KEY FILE\"). Fix: chmod 600 {UntrustedText.QuotedArgument(path)}");
            }

            return new AccessVerdict(true, octal, null);
        }

        private static int ModeOf(string path) => (int)File.GetUnixFileMode(path);

        // A folder gets 0700 (it must stay searchable by its owner), a file 0600.
        public void RestrictToOwner(string path) => SetModeNoFollow(path, Directory.Exists(path) ? Convert.ToInt32("700", 8) : Convert.ToInt32("600", 8));

        public AccessVerdict InspectFolder(string path)
        {
            int mode = ModeOf(path);
            string octal = "0" + Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');
            return (mode & GroupOrOtherWrite) == 0
                ? new AccessVerdict(true, octal, null)
                : new AccessVerdict(false, octal,
                    $"mode {octal} lets other users create, replace or delete files in {UntrustedText.Quoted(path)} (your keys, config, known_hosts); OpenSSH's StrictModes refuses such a folder. Fix: chmod go-w {UntrustedText.QuotedArgument(path)}");
        }

        public void RemoveOthersWrite(string path)
        {
            // Only the write bits go.
            SetModeNoFollow(path, ModeOf(path) & 0xFFF & ~GroupOrOtherWrite);
        }

        /// <summary>
        /// chmod that does not follow a link in the last component: fchmodat(AT_SYMLINK_NOFOLLOW)
        /// (glibc 2.32+, musl, macOS), so a link swapped in after our check fails instead of being
        /// followed. Where the C library cannot do that (older glibc: ENOTSUP for every file), the
        /// path is checked for a link right before a plain chmod.
        /// </summary>
        private static void SetModeNoFollow(string path, int mode)
        {
            if (FileLinks.TargetOf(path) is string target)
            {
                throw new IOException($"{UntrustedText.Quoted(path)} is a symbolic link (to {target}); its rights are not changed through it.");
            }

            bool mac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
            if (Native.fchmodat(mac ? -2 : -100, path, (uint)mode, mac ? 0x20 : 0x100) == 0)
            {
                return;
            }

            int errno = Marshal.GetLastWin32Error();
            bool notSupported = errno == (mac ? 45 : 95) || (mac && errno == 102);
            if (!notSupported)
            {
                throw new IOException($"chmod {Convert.ToString(mode, 8)} {UntrustedText.Quoted(path)} failed (errno {errno}).");
            }

            if (FileLinks.TargetOf(path) != null || Native.chmod(path, (uint)mode) != 0)
            {
                throw new IOException($"chmod {Convert.ToString(mode, 8)} {UntrustedText.Quoted(path)} failed (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        private static class Native
        {
            [DllImport("libc", SetLastError = true)]
            internal static extern int fchmodat(int directoryFd, string path, uint mode, int flags);

            [DllImport("libc", SetLastError = true)]
            internal static extern int chmod(string path, uint mode);
        }
    }
}
#endif
