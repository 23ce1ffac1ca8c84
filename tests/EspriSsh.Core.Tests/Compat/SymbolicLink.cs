using System;
using System.IO;
#if NETFRAMEWORK
using System.Runtime.InteropServices;
#endif

namespace EspriSsh.Core.Tests
{
    /// <summary>File.CreateSymbolicLink (.NET 6+); on net472 (Mono on Linux) symlink(2).</summary>
    public static class SymbolicLink
    {
        public static void Create(string link, string target)
        {
#if NETFRAMEWORK
            if (TestHost.IsWindows)
            {
                throw new PlatformNotSupportedException("Symbolic links need privileges on Windows: mark the test [UnixFact].");
            }

            if (symlink(target, link) != 0)
            {
                throw new IOException($"symlink {link} -> {target} failed (errno {Marshal.GetLastWin32Error()})");
            }
#else
            File.CreateSymbolicLink(link, target);
#endif
        }

#if NETFRAMEWORK
        [DllImport("libc", SetLastError = true)]
        private static extern int symlink(string target, string link);
#endif
    }
}
