using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Merges what is known of a host into a plan: explicit parameters win, then the ssh config
    /// (alias -> HostName, User, Port, IdentityFile, ProxyJump), then the site profile (real names,
    /// ports, the head node a remote host is reached through), then ssh's defaults.
    /// </summary>
    public sealed class ConnectionPlanBuilder
    {
        // ssh has no limit; a loop of jump hosts must still end.
        private const int MaxJumpDepth = 8;


        private readonly SiteProfile site;
        private readonly Func<string, HostSettings?> fromConfig;
        private readonly string sshDirectory;
        private readonly string localUser;
        private string? knownHostsPath;

        /// <param name="fromConfig">The ssh config's settings for an alias (null: the config says nothing).</param>
        public ConnectionPlanBuilder(SiteProfile site, Func<string, HostSettings?> fromConfig, string sshDirectory, string localUser)
        {
            this.site = site;
            this.fromConfig = fromConfig;
            this.sshDirectory = sshDirectory;
            this.localUser = localUser;
        }

        /// <summary>The plan for <paramref name="request"/>: its ssh config (HostConfigSource), the site, then ssh's defaults.</summary>
        public static ConnectionPlan For(SiteProfile site, ConnectionTestRequest request)
        {
            var builder = new ConnectionPlanBuilder(site, HostConfigSource.For(request.ConfigPath, request.SshDirectory), request.SshDirectory, request.LocalUser);
            var explicitSettings = new HostSettings { User = request.User, Port = request.Port, IdentityFiles = request.IdentityFiles };
            ConnectionPlan plan = builder.Build(request.HostName, explicitSettings, request.KnownHostsPath);
            plan.Timeout = request.Timeout;
            return plan;
        }

        public ConnectionPlan Build(string host, HostSettings explicitSettings, string? knownHostsPath)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    $"Give the host to test: an alias such as {site.DefaultHeadNode} (Get-EspriSite lists them) or a host name.", host);
            }

            SshNames.RequireHostName(host);
            if (explicitSettings.User != null)
            {
                SshNames.RequireLogin(explicitSettings.User, "User");
            }

            foreach (string file in explicitSettings.IdentityFiles ?? Array.Empty<string>())
            {
                if (!File.Exists(file))
                {
                    throw new EspriException(ErrorIds.KeyFileNotFound,
                        $"There is no key file {UntrustedText.Quoted(file)}. Check the path of -IdentityFile; Get-ChildItem {UntrustedText.QuotedArgument(sshDirectory)} lists your keys.", file);
                }
            }

            this.knownHostsPath = knownHostsPath;
            HostSettings? config = fromConfig(host);
            HopPlan target = Hop(host, explicitSettings, config);
            KnownHostsSettings files = target.KnownHosts!;
            var plan = new ConnectionPlan(target, files.WritablePath ?? "", sshDirectory)
            {
                ConfigSource = config?.Source,
                UserKnownHostsFiles = files.UserFiles,
                GlobalKnownHostsFiles = files.GlobalFiles,
            };
            string? jump = JumpOf(host, config);
            if (jump != null)
            {
                plan.Jumps = JumpChain(jump, 1);
            }

            return plan;
        }

        private HopPlan Hop(string alias, HostSettings explicitSettings, HostSettings? config)
        {
            SiteHost? siteHost = site.FindHost(alias);
            string hostName = explicitSettings.HostName ?? config?.HostName ?? siteHost?.HostName ?? alias;
            int port = explicitSettings.Port ?? config?.Port ?? siteHost?.Port ?? 22;
            string user = explicitSettings.User ?? config?.User ?? localUser;
            IReadOnlyList<string> keys = NonEmpty(explicitSettings.IdentityFiles) ?? NonEmpty(config?.IdentityFiles) ?? DefaultKeys();
            // -IdentityFile tests that key: as ssh -i with IdentitiesOnly yes (the agent still signs for it when it holds it).
            bool identitiesOnly = NonEmpty(explicitSettings.IdentityFiles) != null || (config?.IdentitiesOnly ?? false);
            return new HopPlan(alias, hostName, port, user, keys, identitiesOnly, config?.CertificateFiles) { KnownHosts = KnownHostsOf(config), ConfigVerdict = config?.SshVerdict };
        }

        /// <summary>
        /// The host's own known_hosts settings, as the ssh that reaches it reads them (a jump host's are
        /// its own): -KnownHostsPath for every host, else its config's files (none at all for
        /// "UserKnownHostsFile none"), else ssh's defaults; its HostKeyAlias.
        /// </summary>
        private KnownHostsSettings KnownHostsOf(HostSettings? config) => new KnownHostsSettings(
            knownHostsPath != null ? new[] { knownHostsPath } : config?.UserKnownHostsFiles ?? KnownHostsLocations.DefaultUserFiles(sshDirectory),
            config?.GlobalKnownHostsFiles ?? KnownHostsLocations.DefaultGlobalFiles,
            config?.HostKeyAlias,
            knownHostsPath == null ? config?.UserKnownHostsSource : null);

        /// <summary>How ssh reaches a host first: its ProxyJump, else a ProxyCommand of the ssh -W form, else the site's head node; null for direct.</summary>
        private string? JumpOf(string alias, HostSettings? config)
        {
            string? jump = config?.ProxyJump
                ?? (config?.ProxyCommand != null ? ProxyCommandJump.ToJump(config.ProxyCommand) : null)
                ?? site.FindHost(alias)?.Via;
            return jump == null || jump.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : jump;
        }

        /// <summary>
        /// ProxyJump a,b,...: the hosts in the order they are reached. As with ssh, the first one is reached
        /// the way it would be on its own (its own ProxyJump applies); the others through the one before.
        /// </summary>
        private IReadOnlyList<HopPlan> JumpChain(string proxyJump, int depth)
        {
            if (depth > MaxJumpDepth)
            {
                throw new EspriException(ErrorIds.ConfigInvalid,
                    $"The jump hosts lead to each other in a loop (ProxyJump '{proxyJump}' after {MaxJumpDepth} hops). Correct the ProxyJump lines of your ssh config.", proxyJump);
            }

            string[] parts = proxyJump.Split(',').Select(p => p.Trim()).ToArray();
            if (parts.Any(p => p.Length == 0))
            {
                throw new EspriException(ErrorIds.ConfigInvalid,
                    $"ProxyJump '{proxyJump}' has an empty host between commas. Write host1,host2.", proxyJump);
            }

            List<HopPlan> hops = parts.Select(JumpHop).ToList();
            string? before = JumpOf(hops[0].Alias, fromConfig(hops[0].Alias));
            return before == null ? hops : JumpChain(before, depth + 1).Concat(hops).ToList();
        }

        /// <summary>One ProxyJump host: [user@]host[:port]; the host part may itself be an alias.</summary>
        private HopPlan JumpHop(string proxyJump)
        {
            if (proxyJump.Contains("://"))
            {
                throw new EspriException(ErrorIds.ConfigInvalid,
                    $"ProxyJump '{proxyJump}' is written as a URI; Test-EspriConnection reads [user@]host[:port]. Write it that way.", proxyJump);
            }

            string rest = proxyJump;
            string? user = null;
            int at = rest.LastIndexOf('@');
            if (at >= 0)
            {
                user = rest.Substring(0, at);
                rest = rest.Substring(at + 1);
            }

            int? port = null;
            int colon = rest.LastIndexOf(':');
            if (colon > 0 && !rest.EndsWith("]", StringComparison.Ordinal))
            {
                if (!int.TryParse(rest.Substring(colon + 1), out int parsed) || parsed < 1 || parsed > 65535)
                {
                    throw new EspriException(ErrorIds.ConfigInvalid,
                        $"ProxyJump '{proxyJump}' has a bad port. Write [user@]host[:port].", proxyJump);
                }

                port = parsed;
                rest = rest.Substring(0, colon);
            }

            string alias = rest.Trim('[', ']');
            // As with ssh -J, the target's explicit -User/-Port/-IdentityFile do not apply to the jump host.
            return Hop(alias, new HostSettings { User = user, Port = port }, fromConfig(alias));
        }

        private IReadOnlyList<string> DefaultKeys() =>
            KeyFile.NamesSshTries.Select(n => Path.Combine(sshDirectory, n)).Where(File.Exists).ToList();

        private static IReadOnlyList<string>? NonEmpty(IReadOnlyList<string>? list) => list != null && list.Count > 0 ? list : null;
    }
}
