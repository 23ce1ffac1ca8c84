using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// What ssh will really use for a site alias, compared with what the site needs: host name, login,
    /// port, the key offered first, IdentitiesOnly and the route (direct for a head node, through it
    /// for Jean Zay). Each difference is named with the line that causes it: a global line before any
    /// Host, a "Host *" or "Match all" read first, another block for the alias, an included file.
    /// </summary>
    internal static class SshConfigOverrides
    {
        public static List<ConfigOverride> Find(DesiredHostBlock block, ResolvedHostConfig resolved, Func<SshConfigLocation, string> lineText)
        {
            var found = new List<ConfigOverride>();
            string alias = block.Alias;
            void Add(string setting, string value, string wanted, SshConfigLocation? source, string effect)
            {
                if (source != null)
                {
                    found.Add(new ConfigOverride(alias, setting, value, wanted, source, lineText(source), effect));
                }
            }

            if (!resolved.HostName.Equals(block.HostName, StringComparison.OrdinalIgnoreCase))
            {
                Add("HostName", resolved.HostName, block.HostName, resolved.SourceOf("hostname"), $"ssh connects {alias} to {resolved.HostName} instead of {block.HostName}");
            }

            if (resolved.User != block.User)
            {
                Add("User", resolved.User, block.User, resolved.SourceOf("user"), $"ssh logs in to {alias} as {resolved.User} instead of {block.User}");
            }

            if (resolved.Port != block.Port)
            {
                string port = resolved.Port.ToString(CultureInfo.InvariantCulture);
                Add("Port", port, block.Port.ToString(CultureInfo.InvariantCulture), resolved.SourceOf("port"), $"ssh connects {alias} to port {port} instead of {block.Port}");
            }

            string wantedKey = resolved.ExpandPath(block.IdentityFile);
            int ours = resolved.ExpandedIdentityFiles.ToList().IndexOf(wantedKey);
            if (ours != 0 && resolved.IdentityFilesFromConfig)
            {
                IReadOnlyList<SshConfigLocation> sources = resolved.SourcesOf("identityfile");
                string first = resolved.IdentityFiles[0];
                Add("IdentityFile", first, block.IdentityFile, sources[0], ours < 0
                    ? $"ssh offers {first} for {alias} and not {block.IdentityFile}"
                    : $"ssh offers {string.Join(", ", resolved.IdentityFiles.Take(ours))} for {alias} before {block.IdentityFile}; servers allow few attempts (\"Too many authentication failures\")");
            }

            if (!resolved.IdentitiesOnly)
            {
                Add("IdentitiesOnly", resolved.Get("identitiesonly") ?? "no", "yes", resolved.SourceOf("identitiesonly"),
                    $"ssh also offers every key of your agent to {alias}, which can use up the server's attempts before your key");
            }

            if (block.Settings.Contains(("ForwardX11", "yes")) && !resolved.ForwardX11)
            {
                Add("ForwardX11", resolved.Get("forwardx11") ?? "no", "yes", resolved.SourceOf("forwardx11"), $"ssh does not forward X11 (graphical programs) for {alias}");
            }

            if (!block.RouteKept)
            {
                Route(block, resolved, Add);
            }

            return found;
        }

        /// <summary>The way ssh reaches the alias today when it goes through something else than the site's head node; null otherwise.</summary>
        public static (string Route, SshConfigLocation? Source)? OtherRoute(DesiredHostBlock block, ResolvedHostConfig resolved)
        {
            if (block.Jump == null)
            {
                return null;
            }

            if (resolved.ProxyJump != null)
            {
                return IsThrough(resolved.ProxyJump, block.Jump) ? null : ("ProxyJump " + resolved.ProxyJump, resolved.SourceOf("proxyjump"));
            }

            if (resolved.ProxyCommand != null)
            {
                string? jump = ProxyCommandJump.TryToJump(resolved.ProxyCommand);
                return jump != null && IsThrough(jump, block.Jump) ? null : ("ProxyCommand " + resolved.ProxyCommand, resolved.SourceOf("proxycommand"));
            }

            return null;
        }

        private static void Route(DesiredHostBlock block, ResolvedHostConfig resolved, Action<string, string, string, SshConfigLocation?, string> add)
        {
            string alias = block.Alias;
            if (block.Jump == null)
            {
                if (resolved.ProxyJump != null)
                {
                    add("ProxyJump", resolved.ProxyJump, "none", resolved.SourceOf("proxyjump"), $"ssh reaches {alias} through {resolved.ProxyJump} instead of directly");
                }
                else if (resolved.ProxyCommand != null)
                {
                    add("ProxyCommand", resolved.ProxyCommand, "none", resolved.SourceOf("proxycommand"), $"ssh reaches {alias} through the command '{resolved.ProxyCommand}' instead of directly");
                }

                return;
            }

            if (OtherRoute(block, resolved) is (string route, SshConfigLocation source))
            {
                add(route.Split(' ')[0], route.Substring(route.IndexOf(' ') + 1), block.JumpCommand ?? block.Jump, source,
                    $"ssh reaches {alias} through {route.Substring(route.IndexOf(' ') + 1)} instead of {block.Jump}");
            }
        }

        /// <summary>True when a ProxyJump value ends at the head node (its last hop is the alias, any user or port).</summary>
        private static bool IsThrough(string proxyJump, string head)
        {
            string last = proxyJump.Split(',').Last();
            string host = last.Substring(last.LastIndexOf('@') + 1);
            int colon = host.LastIndexOf(':');
            host = colon > 0 && !host.EndsWith("]", StringComparison.Ordinal) ? host.Substring(0, colon) : host;
            return host.Trim('[', ']').Equals(head, StringComparison.OrdinalIgnoreCase);
        }
    }
}
