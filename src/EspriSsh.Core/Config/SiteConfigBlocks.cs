using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// What the site wants in the user's ssh config, from the profile alone: the head node's block
    /// (HostName, Port, User, IdentityFile, IdentitiesOnly, ForwardX11) and, with a remote login, the
    /// block of the host reached through it (Jean Zay for ESPRI) with ProxyJump or ProxyCommand.
    /// </summary>
    internal sealed class SiteConfigBlocks
    {
        private static readonly Regex Login = new Regex("^[A-Za-z0-9_][A-Za-z0-9._@-]*$");

        private readonly SiteProfile site;
        private readonly SshToolLocator locator;
        private readonly bool isWindows;

        public SiteConfigBlocks(SiteProfile site, SshToolLocator locator, bool isWindows)
        {
            this.site = site;
            this.locator = locator;
            this.isWindows = isWindows;
        }

        /// <summary>Throws InvalidParameter for an unknown head node, a bad login or identity file, or a remote login the site cannot use.</summary>
        public List<DesiredHostBlock> For(SshConfigRequest request)
        {
            RequireLogin(request.User, "User");
            string headAlias = request.HeadNode ?? site.DefaultHeadNode;
            SiteHost? head = site.FindHost(headAlias);
            if (head == null || head.Role != SiteHostRole.HeadNode)
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    $"'{headAlias}' is not a head node of {site.Name}. Use one of: {string.Join(", ", site.HeadNodes.Select(h => h.Alias))}.", headAlias);
            }

            if (string.IsNullOrWhiteSpace(request.IdentityFile) || request.IdentityFile.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    "IdentityFile must be the path of your private key, for example ~/.ssh/id_ed25519.", request.IdentityFile);
            }

            var blocks = new List<DesiredHostBlock> { HostBlock(head, request.User, request.IdentityFile, request.ForwardX11) };
            if (request.JeanZayUser != null)
            {
                RequireLogin(request.JeanZayUser, "JeanZayUser");
                SiteHost remote = site.RemoteHost
                    ?? throw new EspriException(ErrorIds.InvalidParameter,
                        $"The site profile '{site.Source}' has no host reached through a head node (role Remote, with via), so -JeanZayUser cannot be used with it.", request.JeanZayUser);
                DesiredHostBlock block = HostBlock(remote, request.JeanZayUser, request.IdentityFile, forwardX11: false);
                string ssh = isWindows ? (locator.Find("ssh")?.Path ?? "ssh.exe") : "ssh";
                string proxyCommand = SshConfigLineParser.Quote(ssh) + " " + head.Alias + " -W %h:%p";
                block.Jump = head.Alias.ToLowerInvariant();
                block.JumpCommand = request.UseProxyCommand ? proxyCommand : null;
                block.Settings.Add(request.UseProxyCommand ? ("ProxyCommand", proxyCommand) : ("ProxyJump", block.Jump));
                block.Retired = request.UseProxyCommand ? "ProxyJump" : "ProxyCommand";
                blocks.Add(block);
            }

            return blocks;
        }

        /// <summary>The alias of the head node the request names (spirit1 by default).</summary>
        public string HeadAlias(SshConfigRequest request) => (request.HeadNode ?? site.DefaultHeadNode).ToLowerInvariant();

        /// <summary>The host reached through a head node (Jean Zay) that the request leaves out; null when there is none.</summary>
        public SiteHost? LeftOut(SshConfigRequest request) => request.JeanZayUser == null ? site.RemoteHost : null;

        private static DesiredHostBlock HostBlock(SiteHost host, string user, string identityFile, bool forwardX11)
        {
            var block = new DesiredHostBlock(host.Alias.ToLowerInvariant(), host.HostName, host.Port, user, identityFile);
            block.Settings.Add(("HostName", host.HostName));
            if (host.Port != 22)
            {
                block.Settings.Add(("Port", host.Port.ToString(CultureInfo.InvariantCulture)));
            }

            block.Settings.Add(("User", user));
            block.Settings.Add(("IdentityFile", identityFile));
            block.Settings.Add(("IdentitiesOnly", "yes"));
            if (forwardX11)
            {
                block.Settings.Add(("ForwardX11", "yes"));
            }

            return block;
        }

        private static void RequireLogin(string? login, string parameter)
        {
            if (login == null || !Login.IsMatch(login))
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    $"-{parameter} '{login}' is not a login name: give the user name the centre gave you (letters, digits, '.', '_', '-'; no spaces).", login);
            }
        }
    }
}
