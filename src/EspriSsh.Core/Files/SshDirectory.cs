using System.IO;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Files
{
    /// <summary>
    /// Where the user's ssh files live: an explicit -SshDirectory wins, then ESPRISSH_HOME/.ssh
    /// (sandboxes and tests), then ~/.ssh (%USERPROFILE%\.ssh on Windows), as OpenSSH does. The one
    /// place that computes the default paths inside it (known_hosts: Connection/KnownHostsLocations).
    /// </summary>
    public static class SshDirectory
    {
        public static string Resolve(string? explicitDirectory)
        {
            if (!string.IsNullOrEmpty(explicitDirectory))
            {
                return Path.GetFullPath(explicitDirectory);
            }

            return Path.Combine(HostPlatform.HomeDirectory, ".ssh");
        }

        /// <summary>The ssh config a command reads and writes: the one given (-ConfigPath), else config in the ssh directory.</summary>
        public static string ConfigFile(string sshDirectory, string? explicitConfig = null) =>
            explicitConfig ?? Path.Combine(sshDirectory, "config");

        /// <summary>Expands a leading "~/" the way ssh does, against the resolved home.</summary>
        public static string ExpandHome(string path)
        {
            if (path == "~")
            {
                return HostPlatform.HomeDirectory;
            }

            if (path.StartsWith("~/") || path.StartsWith("~\\"))
            {
                return Path.Combine(HostPlatform.HomeDirectory, path.Substring(2));
            }

            return path;
        }
    }
}
