using System.Reflection;
using System.Runtime.InteropServices;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// What the module runs on, for the support report: its own version, the runtime, and which copy
    /// of the SSH library it really loaded (proves the dependency isolation).
    /// </summary>
    public static class RuntimeInfo
    {
        public static string ModuleVersion =>
            typeof(RuntimeInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(RuntimeInfo).Assembly.GetName().Version!.ToString();

        /// <summary>net8.0 or netstandard2.0: which build of the core was loaded.</summary>
        public static string CoreFlavor =>
#if NET
            "net8.0";
#else
            "netstandard2.0";
#endif

        public static string Framework => RuntimeInformation.FrameworkDescription;

        public static string OperatingSystem => RuntimeInformation.OSDescription;

        /// <summary>Name and version of the SSH.NET assembly the core is bound to.</summary>
        public static string SshLibraryVersion => typeof(Renci.SshNet.SshClient).Assembly.GetName().Version!.ToString();

        /// <summary>The file it was loaded from (must be the module's Dependencies folder).</summary>
        public static string SshLibraryLocation => typeof(Renci.SshNet.SshClient).Assembly.Location;

        /// <summary>The load context holding the SSH library ("EspriSsh" when isolated on pwsh 7).</summary>
        public static string SshLibraryLoadContext =>
#if NET
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Renci.SshNet.SshClient).Assembly)?.Name ?? "";
#else
            "AppDomain";
#endif
    }
}
