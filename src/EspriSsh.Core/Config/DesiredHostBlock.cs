using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// One Host block as the site wants it in the user's config: its alias, the settings we write, and
    /// what ssh must end up using for the alias (the port is needed even when 22 is not written).
    /// </summary>
    internal sealed class DesiredHostBlock
    {
        public DesiredHostBlock(string alias, string hostName, int port, string user, string identityFile)
        {
            Alias = alias;
            HostName = hostName;
            Port = port;
            User = user;
            IdentityFile = identityFile;
        }

        public string Alias { get; }

        public string HostName { get; }

        public int Port { get; }

        public string User { get; }

        /// <summary>The key that must be offered first, as written in the config.</summary>
        public string IdentityFile { get; }

        /// <summary>The jump host ssh must use ("spirit1"), or null for a direct connection.</summary>
        public string? Jump { get; set; }

        /// <summary>Jump written as "ProxyCommand ssh head -W %h:%p" instead of ProxyJump: this command.</summary>
        public string? JumpCommand { get; set; }

        /// <summary>The user's own route to this host is kept (they did not agree to replace it): no jump is written or required.</summary>
        public bool RouteKept { get; set; }

        public List<(string Keyword, string Value)> Settings { get; } = new List<(string, string)>();

        /// <summary>The other jump form, commented out when found in our block (ssh would use whichever comes first).</summary>
        public string? Retired { get; set; }

        /// <summary>ssh compares these keywords' values without case; the others exactly.</summary>
        public static bool SameValue(string keyword, string actual, string wanted) =>
            string.Equals(actual, wanted, keyword == "HostName" || keyword == "IdentitiesOnly" || keyword == "ForwardX11"
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
