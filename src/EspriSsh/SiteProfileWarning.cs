using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;

namespace EspriSsh
{
    /// <summary>
    /// The warning that names a site profile file, said once per pipeline: Get-EspriKey |
    /// Test-EspriPublicKey is one command line for the user, not two. The commands of a pipeline live
    /// together until it ends (PowerShell disposes them then), so a command that has said it holds
    /// the warning for its runspace and profile until it is disposed; the next pipeline says it again.
    /// </summary>
    internal sealed class SiteProfileWarning : IDisposable
    {
        private static readonly Dictionary<(Guid Runspace, string Source), int> Holders = new Dictionary<(Guid, string), int>();

        private readonly (Guid Runspace, string Source) key;

        private SiteProfileWarning((Guid, string) key) => this.key = key;

        /// <summary>Says the warning unless a live command of the same runspace already did; dispose the result with the command.</summary>
        public static SiteProfileWarning Hold(string source, Action<string> warn)
        {
            var key = (Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty, source);
            lock (Holders)
            {
                Holders.TryGetValue(key, out int holders);
                if (holders == 0)
                {
                    warn(source);
                }

                Holders[key] = holders + 1;
            }

            return new SiteProfileWarning(key);
        }

        public void Dispose()
        {
            lock (Holders)
            {
                if (Holders.TryGetValue(key, out int holders) && holders > 1)
                {
                    Holders[key] = holders - 1;
                }
                else
                {
                    Holders.Remove(key);
                }
            }
        }
    }
}
