using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;
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
        /// <summary>ssh's default key names, in ssh's order; only the existing ones are offered.</summary>
        private static readonly string[] DefaultKeyNames = { "id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa" };

        private readonly SiteProfile site;
        private readonly Func<string, HostSettings?> fromConfig;
        private readonly string sshDirectory;
        private readonly string localUser;

        /// <param name="fromConfig">The ssh config's settings for an alias (null: the config says nothing).</param>
        public ConnectionPlanBuilder(SiteProfile site, Func<string, HostSettings?> fromConfig, string sshDirectory, string localUser)
        {
            this.site = site;
            this.fromConfig = fromConfig;
            this.sshDirectory = sshDirectory;
            this.localUser = localUser;
        }

        public ConnectionPlan Build(string host, HostSettings explicitSettings, string? knownHostsPath)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                throw new EspriException(ErrorIds.InvalidParameter, EspriErrorCategory.InvalidArgument,
                    "Give the host to test: an alias such as spirit1 (Get-EspriSite lists them) or a host name.", host);
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
                    throw new EspriException(ErrorIds.KeyFileNotFound, EspriErrorCategory.ObjectNotFound,
                        $"There is no key file '{file}'. Check the path of -IdentityFile; Get-ChildItem '{sshDirectory}' lists your keys.", file);
                }
            }

            HostSettings? config = fromConfig(host);
            HopPlan target = Hop(host, explicitSettings, config);
            IReadOnlyList<string> userKnownHosts = knownHostsPath != null ? new[] { knownHostsPath }
                : NonEmpty(config?.UserKnownHostsFiles) ?? KnownHostsLocations.DefaultUserFiles(sshDirectory);
            var plan = new ConnectionPlan(target, userKnownHosts[0], sshDirectory)
            {
                ConfigSource = config?.Source,
                UserKnownHostsFiles = userKnownHosts,
                GlobalKnownHostsFiles = NonEmpty(config?.GlobalKnownHostsFiles) ?? KnownHostsLocations.DefaultGlobalFiles,
            };
            string? jump = config?.ProxyJump
                ?? (config?.ProxyCommand != null ? ProxyCommandJump.ToJump(config.ProxyCommand) : null)
                ?? site.FindHost(host)?.Via;
            if (jump != null && !jump.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                plan.Jump = JumpHop(jump);
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
            return new HopPlan(alias, hostName, port, user, keys, config?.CertificateFiles);
        }

        /// <summary>A ProxyJump value: one [user@]host[:port]; the host part may itself be an alias.</summary>
        private HopPlan JumpHop(string proxyJump)
        {
            if (proxyJump.Contains(",") || proxyJump.Contains("://"))
            {
                throw new EspriException(ErrorIds.ConfigInvalid, EspriErrorCategory.InvalidData,
                    $"ProxyJump '{proxyJump}' chains several jump hosts or uses a URI; Test-EspriConnection tests one jump host. Test each hop on its own.", proxyJump);
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
                    throw new EspriException(ErrorIds.ConfigInvalid, EspriErrorCategory.InvalidData,
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
            DefaultKeyNames.Select(n => Path.Combine(sshDirectory, n)).Where(File.Exists).ToList();

        private static IReadOnlyList<string>? NonEmpty(IReadOnlyList<string>? list) => list != null && list.Count > 0 ? list : null;
    }
}
