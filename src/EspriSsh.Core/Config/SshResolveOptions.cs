using System;
using System.Collections.Generic;
using EspriSsh.Core.Config.Reading;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// What reading a config depends on besides the file: the homes, the local user, the environment
    /// ssh would see, and how Match exec and CanonicalizeHostname are answered. ssh takes ~ from the
    /// password database but expands Include globs through $HOME: both are the same home here unless
    /// a test separates them (<see cref="IncludeHome"/>).
    /// </summary>
    public sealed class SshResolveOptions
    {
        private Func<string, string?> environment = System.Environment.GetEnvironmentVariable;
        private string? includeHome;
        private bool execSet;
        private Func<string, int?>? exec;

        /// <summary>The home directory (~, %d); default ESPRISSH_HOME or the user's home.</summary>
        public string Home { get; set; } = HostPlatform.HomeDirectory;

        /// <summary>Where a relative or ~ Include is looked for ($HOME for glob(3)); default <see cref="Home"/>.</summary>
        public string IncludeHome
        {
            get => includeHome ?? Home;
            set => includeHome = value;
        }

        public string LocalUser { get; set; } = System.Environment.UserName;

        /// <summary>A system-wide file read after the user's (ssh reads /etc/ssh/ssh_config unless -F is given); null to skip it.</summary>
        public string? SystemConfigPath { get; set; }

        /// <summary>The environment ssh would see (${VAR} in paths and forwards, $SHELL for Match exec).</summary>
        public Func<string, string?> Environment
        {
            get => environment;
            set => environment = value;
        }

        /// <summary>Variables given to a Match exec command on top of this process's; a test's sandbox.</summary>
        public IDictionary<string, string?>? ExecEnvironment { get; set; }

        /// <summary>Runs a Match exec command and gives its exit status (null: not run, the Match is left unjudged). Default: as ssh does.</summary>
        public Func<string, int?>? MatchExec
        {
            get => execSet ? exec : SshMatchExec.For(environment, ExecEnvironment);
            set
            {
                exec = value;
                execSet = true;
            }
        }

        /// <summary>CanonicalizeHostname's lookup: the canonical name of a fully qualified name, null when it does not resolve. Default: DNS.</summary>
        public Func<string, string?> HostLookup { get; set; } = SshHostLookup.Dns;

        internal SshLocalFacts Facts { get; set; } = SshLocalFacts.Current;
    }
}
