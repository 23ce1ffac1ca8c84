using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Display;
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
                throw new EspriException(ErrorIds.ConfigUnreadable,
                    $"There is no ssh config file {UntrustedText.Quoted(configPath)}. Check the path of -ConfigPath, or omit it to use '{SshDirectory.ConfigFile(sshDirectory)}'.", configPath);
            }

            string path = SshDirectory.ConfigFile(sshDirectory, configPath);
            if (!File.Exists(path))
            {
                return _ => null;
            }

            var options = new SshResolveOptions();
            return alias =>
            {
                ResolvedHostConfig resolved = SshConfigResolver.Resolve(path, alias, options);
                return new HostSettings
                {
                    HostName = resolved.SourceOf("hostname") != null ? resolved.HostName : null,
                    User = resolved.SourceOf("user") != null ? resolved.User : null,
                    Port = resolved.SourceOf("port") != null ? resolved.Port : (int?)null,
                    IdentityFiles = resolved.IdentityFilesFromConfig ? resolved.ExpandedIdentityFiles : null,
                    CertificateFiles = resolved.ExpandedCertificateFiles,
                    IdentitiesOnly = resolved.SourceOf("identitiesonly") != null ? resolved.IdentitiesOnly : (bool?)null,
                    ProxyJump = resolved.Get("proxyjump"),
                    ProxyCommand = resolved.ProxyCommand,
                    UserKnownHostsFiles = FileList(resolved, "userknownhostsfile"),
                    GlobalKnownHostsFiles = FileList(resolved, "globalknownhostsfile"),
                    Source = path,
                };
            };
        }

        /// <summary>A known_hosts keyword's space-separated files, ~ and %-tokens expanded as ssh does; null when unset.</summary>
        private static IReadOnlyList<string>? FileList(ResolvedHostConfig resolved, string keyword) =>
            resolved.Get(keyword)?.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(resolved.ExpandPath).ToList();
    }
}
