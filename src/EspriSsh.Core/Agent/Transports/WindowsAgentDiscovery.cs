using System;
using System.Runtime.InteropServices;
using System.Text;

namespace EspriSsh.Core.Agent.Transports
{
#if NET
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    public sealed class WindowsAgentDiscovery : IWindowsAgentDiscovery
    {
        private string? pageantPipeName;

        public IPageantWindowApi PageantWindow { get; } = new WindowsPageantWindowApi();

        public string PageantPipeName => pageantPipeName ??= Transports.PageantPipeName.Derive(
            Transports.PageantPipeName.UserName(UserPrincipalName(), Environment.UserName), new WindowsMemoryProtection());

        // WaitNamedPipe fails at once with "file not found" when no such pipe exists, and times out
        // (after 1 ms) when it exists but all its instances are busy.
        public bool PipeExists(string pipeName) =>
            WindowsNative.WaitNamedPipeW(@"\\.\pipe\" + pipeName, 1) || Marshal.GetLastWin32Error() == WindowsNative.ErrorSemTimeout;

        private static string? UserPrincipalName()
        {
            uint size = 0;
            WindowsNative.GetUserNameExW(WindowsNative.NameUserPrincipal, null, ref size);
            if (size == 0)
            {
                return null; // a local account has no principal name
            }

            var name = new StringBuilder((int)size);
            return WindowsNative.GetUserNameExW(WindowsNative.NameUserPrincipal, name, ref size) ? name.ToString() : null;
        }
    }
}
