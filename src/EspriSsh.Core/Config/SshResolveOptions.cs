using System;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Config
{
    /// <summary>What resolution depends on besides the file: the home (for ~, %d and relative Includes) and the local user (%u, default User).</summary>
    public sealed class SshResolveOptions
    {
        /// <summary>The home directory; default ESPRISSH_HOME or the user's home, as ssh uses $HOME.</summary>
        public string Home { get; set; } = HostPlatform.HomeDirectory;

        public string LocalUser { get; set; } = Environment.UserName;

        /// <summary>A system-wide file read after the user's (ssh reads /etc/ssh/ssh_config unless -F is given); null to skip it.</summary>
        public string? SystemConfigPath { get; set; }
    }
}
