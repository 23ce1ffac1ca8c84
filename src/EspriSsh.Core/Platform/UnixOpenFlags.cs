using System.Runtime.InteropServices;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// The open(2) flags a judged read needs, with this system's numbers: they differ between Linux
    /// and the BSDs (macOS), and O_NOFOLLOW even between Linux architectures (arm, arm64 and powerpc
    /// number it 0100000, the others 0400000). System.Native's portable open has no O_NONBLOCK.
    /// </summary>
    internal static class UnixOpenFlags
    {
        private static readonly bool Bsd = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) || RuntimeInformation.OSDescription.IndexOf("BSD", System.StringComparison.OrdinalIgnoreCase) >= 0;

        private static readonly bool FreeBsd = RuntimeInformation.OSDescription.IndexOf("FreeBSD", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>
        /// Read-only; O_NONBLOCK so that opening a FIFO returns at once instead of waiting for a writer;
        /// O_NOCTTY so that a terminal device never becomes our controlling terminal; O_CLOEXEC so the
        /// descriptor never leaks into ssh or ssh-keygen started meanwhile.
        /// </summary>
        public static int ReadNonBlocking => Bsd
            ? 0x4 | (FreeBsd ? 0x8000 : 0x20000) | (FreeBsd ? 0x100000 : 0x1000000)
            : 0x800 | 0x100 | 0x80000;

        /// <summary>O_NOFOLLOW: a symbolic link as the last part of the path fails with ELOOP instead of being followed.</summary>
        public static int NoFollow
        {
            get
            {
                if (Bsd)
                {
                    return 0x100;
                }

                Architecture arch = RuntimeInformation.ProcessArchitecture;
                return arch == Architecture.Arm || arch == Architecture.Arm64 || arch.ToString() == "Armv6" || arch.ToString() == "Ppc64le" ? 0x8000 : 0x20000;
            }
        }

        /// <summary>ELOOP: what open(O_NOFOLLOW) says of a link.</summary>
        public static int TooManyLinks => Bsd ? 62 : 40;

        public const int NoSuchFile = 2, Interrupted = 4, NoDeviceOrAddress = 6, AccessDenied = 13, NotADirectory = 20, PermissionNotAllowed = 1;
    }
}
