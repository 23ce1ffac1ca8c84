using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Tools;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The ssh config's say on a host, as `ssh -G` answers it: only values the file sets count, so
    /// that the site profile and ssh's defaults fill the rest. EspriSsh's own reading answers (it
    /// agrees with ssh -G over the corpus, and costs the first call no wait); the installed ssh stays
    /// the judge: asked on another thread when that reading accepts the file (HostSettings.SshVerdict,
    /// taken by the Config stage), and waited for when the reading cannot be sure: a config it refuses (ssh,
    /// perhaps newer, is the judge) or a Match exec it could not run. A config ssh refuses is
    /// ConfigInvalid with ssh's reason.
    /// </summary>
    public static class HostConfigSource
    {
        /// <param name="configPath">-ConfigPath (must exist), or null for the ssh directory's config (may be absent).</param>
        public static Func<string, HostSettings?> For(string? configPath, string sshDirectory, SshToolLocator? locator = null, SshResolveOptions? options = null)
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

            options ??= new SshResolveOptions();
            SshConfigDocument document = SshConfigDocument.Load(path) ?? SshConfigDocument.Empty(path);
            SshToolLocation? ssh = (locator ?? new SshToolLocator()).Find("ssh");
            SshConfigJudge? judge = ssh == null ? null : new SshConfigJudge(ssh);
            var settingsOf = new Dictionary<string, HostSettings>();
            return alias =>
            {
                if (settingsOf.TryGetValue(alias, out HostSettings? known))
                {
                    return known;
                }

                SshConfigReading reading = SshConfigResolver.Read(document, alias, options);
                if (reading.Accepted && reading.NotJudged.Count == 0)
                {
                    HostSettings settings = FromReading(reading.Resolved!, path);
                    settings.SshVerdict = judge?.JudgeMeanwhile(path, alias, options);
                    return settingsOf[alias] = settings;
                }

                if (judge == null)
                {
                    return FromReading(reading.ResolvedOrThrow(), path);
                }

                SshConfigVerdict verdict = judge.Judge(path, alias, options);
                if (!verdict.Accepted)
                {
                    throw verdict.ToException($"The ssh config {UntrustedText.Quoted(path)} cannot be used for {alias}", "ssh cannot connect anywhere with it");
                }

                return FromSsh(verdict.Answer!, alias, path, options);
            };
        }

        private static HostSettings FromReading(ResolvedHostConfig resolved, string path) => new HostSettings
        {
            HostName = resolved.SourceOf("hostname") != null ? resolved.HostName : null,
            User = resolved.SourceOf("user") != null ? resolved.User : null,
            Port = resolved.SourceOf("port") != null ? resolved.Port : (int?)null,
            IdentityFiles = resolved.IdentityFilesFromConfig ? resolved.ExpandedIdentityFiles : null,
            CertificateFiles = resolved.ExpandedCertificateFiles,
            IdentitiesOnly = resolved.SourceOf("identitiesonly") != null ? resolved.IdentitiesOnly : (bool?)null,
            ProxyJump = resolved.ProxyJump,
            ProxyCommand = resolved.ProxyCommand,
            UserKnownHostsFiles = resolved.SourceOf("userknownhostsfile") != null ? resolved.UserKnownHostsFiles : null,
            UserKnownHostsSource = resolved.SourceOf("userknownhostsfile")?.ToString(),
            GlobalKnownHostsFiles = resolved.SourceOf("globalknownhostsfile") != null ? resolved.GlobalKnownHostsFiles : null,
            HostKeyAlias = resolved.HostKeyAlias,
            Source = path,
        };

        /// <summary>
        /// ssh -G's answer, where EspriSsh's reading could not be sure. ssh prints every value, set or
        /// default: a value counts as the config's when it is not ssh's default for this host.
        /// </summary>
        private static HostSettings FromSsh(SshConfigAnswer answer, string alias, string path, SshResolveOptions options)
        {
            string Value(string key) => answer.Get(key) ?? "";
            string hostName = Value("hostname");
            string user = Value("user");
            int port = int.TryParse(Value("port"), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : 22;
            var tokens = new Dictionary<char, string>
            {
                ['d'] = options.Home, ['u'] = options.LocalUser, ['h'] = hostName, ['r'] = user, ['p'] = port.ToString(CultureInfo.InvariantCulture), ['n'] = alias,
            };
            string Expand(string file) => SshTokens.Expand(SshConfigIncludes.ExpandTilde(file, options.Home), tokens);
            IReadOnlyList<string> identities = answer.GetAll("identityfile");
            IReadOnlyList<string>? userFiles = List(Value("userknownhostsfile"));
            IReadOnlyList<string>? globalFiles = List(Value("globalknownhostsfile"));
            return new HostSettings
            {
                HostName = hostName.Equals(alias, StringComparison.OrdinalIgnoreCase) ? null : hostName,
                User = user == options.LocalUser ? null : user,
                Port = port == 22 ? (int?)null : port,
                IdentityFiles = identities.SequenceEqual(ResolvedHostConfig.DefaultIdentityFiles) ? null : identities.Select(Expand).ToList(),
                CertificateFiles = answer.GetAll("certificatefile").Select(Expand).ToList(),
                IdentitiesOnly = Value("identitiesonly") == "yes" ? true : (bool?)null,
                ProxyJump = answer.Get("proxyjump"),
                ProxyCommand = answer.Get("proxycommand"),
                UserKnownHostsFiles = userFiles != null && userFiles.Select(Path.GetFileName).SequenceEqual(new[] { "known_hosts", "known_hosts2" }) ? null : userFiles,
                GlobalKnownHostsFiles = globalFiles != null && globalFiles.SequenceEqual(new[] { "/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2" }) ? null : globalFiles,
                HostKeyAlias = answer.Get("hostkeyalias"),
                Source = path + " (as ssh -G reads it)",
            };
        }

        private static IReadOnlyList<string>? List(string value) =>
            value.Length == 0 ? null : value == "none" ? Array.Empty<string>() : value.Split(' ');
    }
}
