using System.Collections.Generic;
using System.Threading.Tasks;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Connection
{
    /// <summary>What one source (explicit parameters, ssh config, site profile) says of a host; null = says nothing.</summary>
    public sealed class HostSettings
    {
        public string? HostName { get; set; }

        public string? User { get; set; }

        public int? Port { get; set; }

        /// <summary>Full paths; null or empty when the source names none.</summary>
        public IReadOnlyList<string>? IdentityFiles { get; set; }

        /// <summary>ssh's CertificateFile values, full paths; null or empty when the source names none.</summary>
        public IReadOnlyList<string>? CertificateFiles { get; set; }

        /// <summary>ssh's IdentitiesOnly; null when the source does not say.</summary>
        public bool? IdentitiesOnly { get; set; }

        /// <summary>ssh's ProxyJump value: an alias or [user@]host[:port].</summary>
        public string? ProxyJump { get; set; }

        /// <summary>ssh's ProxyCommand, used only when ProxyJump is not set (ssh takes the first one given).</summary>
        public string? ProxyCommand { get; set; }

        /// <summary>ssh's UserKnownHostsFile list, full paths; null when the source says nothing, empty for "UserKnownHostsFile none".</summary>
        public IReadOnlyList<string>? UserKnownHostsFiles { get; set; }

        /// <summary>The line that sets UserKnownHostsFile ("~/.ssh/config line 3"), for messages; null when unknown.</summary>
        public string? UserKnownHostsSource { get; set; }

        /// <summary>ssh's GlobalKnownHostsFile list, full paths; null when the source says nothing, empty for "none".</summary>
        public IReadOnlyList<string>? GlobalKnownHostsFiles { get; set; }

        /// <summary>ssh's HostKeyAlias: the name the host key is checked and recorded under; null when none.</summary>
        public string? HostKeyAlias { get; set; }

        /// <summary>Where the settings came from, for the Config stage ("~/.ssh/config", "site profile").</summary>
        public string? Source { get; set; }

        /// <summary>
        /// The installed ssh's verdict on the file these settings were read from, being asked on another
        /// thread: EspriSsh's reading follows OpenSSH 9.2, and the user's ssh may be older (Windows 10
        /// ships 8.1) and refuse a keyword 9.2 knows. Null when ssh was asked already or there is no ssh.
        /// </summary>
        public Task<SshConfigVerdict>? SshVerdict { get; set; }
    }
}
