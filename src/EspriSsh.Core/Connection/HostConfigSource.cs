using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The ssh config's say on a host, through the config engine's resolver (what `ssh -G` answers):
    /// only values the file sets count, so that the site profile and ssh's defaults fill the rest.
    /// </summary>
    public static class HostConfigSource
    {
        /// <param name="configPath">-ConfigPath (must exist), or null for the ssh directory's config (may be absent).</param>
        public static Func<string, HostSettings?> For(string? configPath, string sshDirectory)
        {
            if (configPath != null && !File.Exists(configPath))
            {
                throw new EspriException(ErrorIds.ConfigUnreadable, EspriErrorCategory.ObjectNotFound,
                    $"There is no ssh config file '{configPath}'. Check the path of -ConfigPath, or omit it to use '{Path.Combine(sshDirectory, "config")}'.", configPath);
            }

            string path = configPath ?? Path.Combine(sshDirectory, "config");
            if (!File.Exists(path))
            {
                return _ => null;
            }

            var options = new SshResolveOptions();
            return alias =>
            {
                ResolvedHostConfig resolved = SshConfigResolver.Resolve(path, alias, options);
                string? knownHosts = resolved.Get("userknownhostsfile")?.Split(' ').FirstOrDefault(f => f.Length > 0);
                return new HostSettings
                {
                    HostName = resolved.SourceOf("hostname") != null ? resolved.HostName : null,
                    User = resolved.SourceOf("user") != null ? resolved.User : null,
                    Port = resolved.SourceOf("port") != null ? resolved.Port : (int?)null,
                    IdentityFiles = resolved.IdentityFilesFromConfig ? resolved.ExpandedIdentityFiles : null,
                    CertificateFiles = resolved.ExpandedCertificateFiles,
                    ProxyJump = resolved.Get("proxyjump"),
                    ProxyCommand = resolved.ProxyCommand,
                    KnownHostsPath = knownHosts == null ? null : SshDirectory.ExpandHome(knownHosts),
                    Source = path,
                };
            };
        }
    }
}
