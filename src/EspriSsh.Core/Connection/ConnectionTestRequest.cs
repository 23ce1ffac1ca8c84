using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Connection
{
    /// <summary>What to test the way to, paths resolved: Test-EspriConnection's parameters, the setup's hosts, the report's host.</summary>
    public sealed class ConnectionTestRequest
    {
        /// <summary>A site alias, a Host alias of the ssh config, a name or an address.</summary>
        public string HostName { get; set; } = "";

        /// <summary>Wins over the config's User (-User); null: the config, else the local user name.</summary>
        public string? User { get; set; }

        public int? Port { get; set; }

        /// <summary>Keys to test instead of the config's (-IdentityFile, as ssh -i with IdentitiesOnly).</summary>
        public IReadOnlyList<string>? IdentityFiles { get; set; }

        /// <summary>-ConfigPath (must exist); null: the config in <see cref="SshDirectory"/> (may be absent).</summary>
        public string? ConfigPath { get; set; }

        public string SshDirectory { get; set; } = "";

        /// <summary>-KnownHostsPath; null: the config's UserKnownHostsFile, else known_hosts in the ssh directory.</summary>
        public string? KnownHostsPath { get; set; }

        /// <summary>Bound of every network stage.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>ssh's default login (the local account name).</summary>
        public string LocalUser { get; set; } = Environment.UserName;
    }
}
