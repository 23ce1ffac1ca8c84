using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// What this test process runs on, and why a test cannot run here: the skip reasons of the
    /// host attributes (<see cref="HostFactAttribute"/>), computed once at discovery.
    /// </summary>
    public static class TestHost
    {
#if NET
        [System.Runtime.Versioning.SupportedOSPlatformGuard("windows")]
#endif
        public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Mono runs the net472 build on Linux; some of its behaviour is not .NET Framework's.</summary>
        public static bool IsMono { get; } = Type.GetType("Mono.Runtime") != null;

        /// <summary>null when the test can run here, else the reason shown with the skip.</summary>
        public static string SkipReason(bool unixOnly, bool windowsOnly, bool notAsRoot, string notOnMono, IEnumerable<string> tools)
        {
            if (unixOnly && IsWindows)
            {
                return "Unix only (file modes, /bin/sh)";
            }

            if (windowsOnly && !IsWindows)
            {
                return "Windows only";
            }

            if (notAsRoot && Environment.UserName == "root")
            {
                return "running as root: file modes do not stop root";
            }

            if (notOnMono != null && IsMono)
            {
                return "not under Mono: " + notOnMono;
            }

            return ExternalTool.MissingReason(tools.ToArray());
        }
    }
}
