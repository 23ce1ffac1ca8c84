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
            overrideProtection ?? (IsWindows ? new WindowsFileProtection() : UnixProtection());

#if NET
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
#endif
        private static IFileProtection UnixProtection() =>
#if NET
            new UnixFileProtection();
#else
            // Only Windows PowerShell 5.1 loads this build; pwsh 7 loads the net8.0 one on every OS.
            throw new PlatformNotSupportedException("The netstandard2.0 build of EspriSsh.Core runs on Windows only: on Linux and macOS, pwsh 7 loads its net8.0 build.");
#endif

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
