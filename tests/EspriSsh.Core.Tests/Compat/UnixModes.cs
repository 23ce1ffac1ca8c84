using System;
using System.IO;
#if NETFRAMEWORK
using System.Runtime.InteropServices;
#endif

namespace EspriSsh.Core.Tests
{
    /// <summary>File.Get/SetUnixFileMode (.NET 7+); on net472 (Mono on Linux) chmod(2) and stat(1).</summary>
    public static class UnixModes
    {
        public static UnixFileMode Get(string path)
        {
            if (TestHost.IsWindows)
            {
                throw NotOnWindows();
            }
#if NETFRAMEWORK
            string octal = ExternalTool.Check(Stat, "-c", "%a", path).Trim();
            return (UnixFileMode)Convert.ToInt32(octal, 8);
#else
            return File.GetUnixFileMode(path);
#endif
        }

        public static void Set(string path, UnixFileMode mode)
        {
            if (TestHost.IsWindows)
            {
                throw NotOnWindows();
            }
#if NETFRAMEWORK
            if (chmod(path, (int)mode) != 0)
            {
                throw new IOException($"chmod {path} failed (errno {Marshal.GetLastWin32Error()})");
            }
#else
            File.SetUnixFileMode(path, mode);
#endif
        }

        /// <summary>0600 so ssh-keygen accepts a key file we wrote; Windows keeps its inherited ACL.</summary>
        public static void MakePrivate(string path)
        {
            if (!TestHost.IsWindows)
            {
                Set(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        private static PlatformNotSupportedException NotOnWindows() =>
            new PlatformNotSupportedException("Unix file modes do not exist on Windows: mark the test [UnixFact].");

#if NETFRAMEWORK
        // On PATH, else where coreutils keeps it: a test may empty PATH (ReportOverCorpusTests does, so
        // that a Match exec of the corpus runs no program), and the Mono stand-in reads modes through this.
        private static string Stat => ExternalTool.Exists("stat") ? "stat" : Array.Find(new[] { "/usr/bin/stat", "/bin/stat" }, File.Exists) ?? "stat";

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
#endif
    }
}
