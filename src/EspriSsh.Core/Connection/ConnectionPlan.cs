using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Everything the tester needs, already resolved (config file, site defaults and explicit
    /// parameters merged by the caller), so the engine does no guessing of its own.
    /// </summary>
    public sealed class ConnectionPlan
    {
        private IReadOnlyList<string> userKnownHostsFiles;

        public ConnectionPlan(HopPlan target, string knownHostsPath, string sshDirectory)
        {
            Target = target;
            userKnownHostsFiles = new[] { knownHostsPath };
            SshDirectory = sshDirectory;
        }

        public HopPlan Target { get; }

        /// <summary>The jump hosts (ProxyJump a,b) in the order they are reached; empty for a direct connection.</summary>
        public IReadOnlyList<HopPlan> Jumps { get; set; } = Array.Empty<HopPlan>();

        /// <summary>Every host reached, first jump first, the target last.</summary>
        public IReadOnlyList<HopPlan> Hops => Jumps.Concat(new[] { Target }).ToList();

        /// <summary>Where a new host key of the target is recorded: the first user known_hosts file, as ssh does; null for "UserKnownHostsFile none".</summary>
        public string? KnownHostsPath => userKnownHostsFiles.FirstOrDefault();

        /// <summary>Every user known_hosts file ssh reads for the target (UserKnownHostsFile), KnownHostsPath first; empty for "none".</summary>
        public IReadOnlyList<string> UserKnownHostsFiles
        {
            get => userKnownHostsFiles;
            set => userKnownHostsFiles = value;
        }

        /// <summary>How a hop's key is checked and recorded: its own settings, else the plan's files.</summary>
        public KnownHostsSettings KnownHostsFor(HopPlan hop) => hop.KnownHosts ?? new KnownHostsSettings(UserKnownHostsFiles, GlobalKnownHostsFiles);

        /// <summary>The system-wide known_hosts files ssh also trusts (GlobalKnownHostsFile), read only.</summary>
        public IReadOnlyList<string> GlobalKnownHostsFiles { get; set; } = KnownHostsLocations.DefaultGlobalFiles;

        /// <summary>The ssh config file the settings came from, when one applied (shown by the Config stage).</summary>
        public string? ConfigSource { get; set; }

        /// <summary>Where the user's keys live: other .pub files there are named in hints.</summary>
        public string SshDirectory { get; }

        /// <summary>Bound of every network stage (and of each wait inside it).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Trust and record a host key seen for the first time (ssh's accept-new); the caller has asked ShouldProcess.</summary>
        public bool AcceptNewHostKey { get; set; }

        /// <summary>UTF-8 passphrase for encrypted keys; the caller clears it after the test.</summary>
        public byte[]? Passphrase { get; set; }

        /// <summary>The harmless command the Session stage runs; its output must come back.</summary>
        public string SessionCommand { get; set; } = "echo espri-ssh-ok";

        public string SessionExpectedOutput { get; set; } = "espri-ssh-ok";
    }
}
