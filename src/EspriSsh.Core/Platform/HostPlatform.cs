using System;
using System.IO;
using System.Runtime.InteropServices;

namespace EspriSsh.Core.Platform
{
    /// <summary>The per-OS services, chosen once. Tests replace them through <see cref="Override"/>.</summary>
    public static class HostPlatform
    {
        private static IFileProtection? overrideProtection;

        // Tells the platform analyzer (CA1416) that Windows-only code behind this test is safe.
#if NET
        [System.Runtime.Versioning.SupportedOSPlatformGuard("windows")]
#endif
        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static IFileProtection FileProtection =>
            overrideProtection ?? (IsWindows ? new WindowsFileProtection() : new UnixFileProtection());

        /// <summary>Test seam: use a fake (e.g. a Windows ACL fake on Linux) until disposed, then the previous one.</summary>
        public static IDisposable Override(IFileProtection protection)
        {
            IFileProtection? previous = overrideProtection;
            overrideProtection = protection;
            return new Restore(() => overrideProtection = previous);
        }

        /// <summary>The user's home: ESPRISSH_HOME (tests, sandboxes) or the OS home.</summary>
        public static string HomeDirectory
        {
            get
            {
                string? fromEnv = Environment.GetEnvironmentVariable("ESPRISSH_HOME");
                if (!string.IsNullOrEmpty(fromEnv))
                {
                    return Path.GetFullPath(fromEnv);
                }

                return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }
        }

        private sealed class Restore : IDisposable
        {
            private readonly Action action;

            public Restore(Action action) => this.action = action;

            public void Dispose() => action();
        }
    }
}
