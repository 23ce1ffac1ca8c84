using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Config.Grammar;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// Runs a "Match exec" command the way ssh's execute_in_shell does: through $SHELL (else /bin/sh)
    /// with -c, stdin closed; exit status 0 means the block applies. ssh runs these commands on every
    /// connection, so running them when reading the config does nothing ssh would not do; a command
    /// that does not finish in <see cref="Limit"/> is left unjudged (ssh would wait for it).
    /// On Windows nothing is run (Win32-OpenSSH uses another shell): such a Match is left unjudged.
    /// </summary>
    internal static class SshMatchExec
    {
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

        /// <summary>The runner for this machine, with the environment ssh would give the command; null where none can run.</summary>
        public static Func<string, int?>? For(Func<string, string?> environment, IDictionary<string, string?>? environmentOverrides = null)
        {
            if (HostPlatform.IsWindows)
            {
                return null;
            }

            return command =>
            {
                string shell = environment("SHELL") ?? "/bin/sh";
                if (!File.Exists(shell))
                {
                    return -1; // ssh: Shell "..." is not executable
                }

                CommandResult result = ExternalCommand.Run(shell, new[] { "-c", command }, Limit, environmentOverrides);
                return result.TimedOut || result.NotFound ? (int?)null : result.ExitCode ?? -1;
            };
        }
    }
}
