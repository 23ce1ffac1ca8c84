using System;

namespace EspriSsh.Core.Connection
{
    /// <summary>The ssh config's say on a host, for ConnectionPlanBuilder.</summary>
    public static class HostConfigSource
    {
        public static Func<string, HostSettings?> For(string? configPath, string sshDirectory) => _ => null;
    }
}
