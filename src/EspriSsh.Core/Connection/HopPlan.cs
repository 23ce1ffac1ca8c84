using System.Collections.Generic;
using System.Threading.Tasks;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Connection
{
    /// <summary>One SSH server to reach: the name the user typed, where it really is, who logs in, with which keys.</summary>
    public sealed class HopPlan
    {
        public HopPlan(string alias, string hostName, int port, string user, IReadOnlyList<string> identityFiles, bool identitiesOnly = false,
            IReadOnlyList<string>? certificateFiles = null)
        {
            IdentitiesOnly = identitiesOnly;
            CertificateFiles = certificateFiles ?? new string[0];
            Alias = alias;
            HostName = hostName;
            Port = port;
            User = user;
            IdentityFiles = identityFiles;
        }

        /// <summary>What the user typed (spirit1); equals HostName when no alias applied.</summary>
        public string Alias { get; }

        /// <summary>The real DNS name or address (spirit1.ipsl.fr); known_hosts is checked against it.</summary>
        public string HostName { get; }

        public int Port { get; }

        public string User { get; }

        /// <summary>Private key files to offer, in order; full paths.</summary>
        public IReadOnlyList<string> IdentityFiles { get; }

        /// <summary>
        /// Certificates named by CertificateFile; full paths. Like ssh, the test also offers the
        /// certificate next to each key (id_ed25519-cert.pub for id_ed25519).
        /// </summary>
        public IReadOnlyList<string> CertificateFiles { get; }

        /// <summary>ssh's IdentitiesOnly: offer only the IdentityFile keys (the agent still signs for those it holds).</summary>
        public bool IdentitiesOnly { get; }

        /// <summary>This host's known_hosts files and HostKeyAlias, from its own config; null: the plan's files.</summary>
        public KnownHostsSettings? KnownHosts { get; set; }

        /// <summary>The installed ssh's verdict on the config for this host, being asked; null when none is pending.</summary>
        public Task<SshConfigVerdict>? ConfigVerdict { get; set; }

        public override string ToString() => User + "@" + HostName + (Port == 22 ? "" : ":" + Port);
    }
}
