using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// Asks the installed ssh what it makes of a config: `ssh -G -F file -- host`, which reads the
    /// file and its Includes, runs its Match exec commands (as any `ssh host` would), and prints the
    /// settings or refuses. Nothing is connected to. HOME is given so that Include globs ("~/..." and
    /// relative ones) are looked for where EspriSsh looks for them; ssh still takes ~ in other paths
    /// from the password database, which is why the settings EspriSsh uses for paths are its own.
    /// </summary>
    public sealed class SshConfigQuery
    {
        /// <summary>ssh -G answers at once; this stops a Match exec command that never ends.</summary>
        public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

        private readonly SshToolLocation ssh;
        private readonly TimeSpan limit;
        private readonly IReadOnlyDictionary<string, string?>? environment;

        /// <param name="environment">Variables ssh gets on top of this process's (a test's sandbox); null for none.</param>
        public SshConfigQuery(SshToolLocation ssh, TimeSpan? limit = null, IReadOnlyDictionary<string, string?>? environment = null)
        {
            this.ssh = ssh;
            this.limit = limit ?? DefaultLimit;
            this.environment = environment;
        }

        /// <summary>The ssh asked.</summary>
        public SshToolLocation Ssh => ssh;

        public SshConfigAnswer Ask(string configPath, string host, string? home = null)
        {
            var variables = new Dictionary<string, string?>();
            foreach (KeyValuePair<string, string?> variable in environment ?? new Dictionary<string, string?>())
            {
                variables[variable.Key] = variable.Value;
            }

            if (home != null)
            {
                variables["HOME"] = home;
            }

            CommandResult result = ExternalCommand.Run(ssh.Path, new[] { "-G", "-F", configPath, "--", host }, limit, variables);
            return new SshConfigAnswer(result, ssh.Path);
        }
    }
}
