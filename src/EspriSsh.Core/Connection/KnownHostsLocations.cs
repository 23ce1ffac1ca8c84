using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The known_hosts files ssh reads when the config names none (ssh_config(5) UserKnownHostsFile
    /// and GlobalKnownHostsFile; `ssh -G` prints the same lists).
    /// </summary>
    public static class KnownHostsLocations
    {
        public static IReadOnlyList<string> DefaultUserFiles(string sshDirectory) =>
            new[] { Path.Combine(sshDirectory, "known_hosts"), Path.Combine(sshDirectory, "known_hosts2") };

        /// <summary>/etc/ssh/ssh_known_hosts(2); Win32-OpenSSH keeps them in %ProgramData%\ssh.</summary>
        public static IReadOnlyList<string> DefaultGlobalFiles
        {
            get
            {
                string folder = HostPlatform.IsWindows
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ssh")
                    : "/etc/ssh";
                return new[] { Path.Combine(folder, "ssh_known_hosts"), Path.Combine(folder, "ssh_known_hosts2") };
            }
        }
    }
}
