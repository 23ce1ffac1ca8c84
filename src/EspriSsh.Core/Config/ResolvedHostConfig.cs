using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// What ssh would use to connect to one host, with where each value came from. Values follow
    /// `ssh -G`: HostName lowercased, IdentityFiles as written (~ and %-tokens kept), defaults filled in.
    /// </summary>
    public sealed class ResolvedHostConfig
    {
        /// <summary>ssh's default key files, tried when the config names none.</summary>
        public static readonly IReadOnlyList<string> DefaultIdentityFiles = Keys.KeyFile.NamesSshTries.Select(name => "~/.ssh/" + name).ToList();

        private readonly IReadOnlyDictionary<string, IReadOnlyList<SshConfigValue>> values;
        private readonly Dictionary<char, string> pathTokens;
        private readonly string home;

        internal ResolvedHostConfig(string host, IReadOnlyDictionary<string, IReadOnlyList<SshConfigValue>> values,
            IReadOnlyList<SshConfigLocation> unevaluatedMatches, IReadOnlyList<string> filesRead, SshResolveOptions options)
        {
            Host = host;
            this.values = values;
            UnevaluatedMatches = unevaluatedMatches;
            FilesRead = filesRead;

            string? hostName = Get("hostname");
            HostName = (hostName == null ? host : SshTokens.Expand(hostName, new Dictionary<char, string> { ['h'] = host })).ToLowerInvariant();
            User = Get("user") ?? options.LocalUser;
            Port = ParsePort(Get("port"), SourceOf("port"));
            ProxyJump = NoneToNull(Get("proxyjump"));
            ProxyCommand = NoneToNull(Get("proxycommand"));
            ForwardAgent = IsOn(Get("forwardagent"));
            IdentitiesOnly = IsOn(Get("identitiesonly"));
            ForwardX11 = IsOn(Get("forwardx11"));
            IdentityFilesFromConfig = GetAll("identityfile").Count > 0;
            IdentityFiles = IdentityFilesFromConfig ? GetAll("identityfile") : DefaultIdentityFiles;
            home = options.Home;
            pathTokens = new Dictionary<char, string>
            {
                ['d'] = options.Home, ['u'] = options.LocalUser, ['h'] = HostName, ['r'] = User,
                ['p'] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ['n'] = host,
                ['k'] = Get("hostkeyalias") ?? host,
            };
            ExpandedIdentityFiles = IdentityFiles.Select(ExpandPath).ToList();
            ExpandedCertificateFiles = GetAll("certificatefile").Select(ExpandPath).ToList();
        }

        /// <summary>The name asked for (ssh's "host", as typed).</summary>
        public string Host { get; }

        public string HostName { get; }

        public string User { get; }

        public int Port { get; }

        /// <summary>As ssh -G prints them: ~ and %-tokens not expanded.</summary>
        public IReadOnlyList<string> IdentityFiles { get; }

        /// <summary>The same files with ~, %d, %u, %h, %r, %p, %n expanded: the paths ssh opens.</summary>
        public IReadOnlyList<string> ExpandedIdentityFiles { get; }

        /// <summary>The CertificateFile paths, expanded as IdentityFile's; empty when none applies.</summary>
        public IReadOnlyList<string> ExpandedCertificateFiles { get; }

        /// <summary>False when no IdentityFile applies and ssh falls back to its default names.</summary>
        public bool IdentityFilesFromConfig { get; }

        /// <summary>Null when none applies (or "ProxyJump none").</summary>
        public string? ProxyJump { get; }

        public string? ProxyCommand { get; }

        public bool ForwardAgent { get; }

        public bool IdentitiesOnly { get; }

        public bool ForwardX11 { get; }

        /// <summary>Match lines this resolver cannot judge (exec, canonical, final, localnetwork, tagged): treated as not matching.</summary>
        public IReadOnlyList<SshConfigLocation> UnevaluatedMatches { get; }

        /// <summary>The config file and every Included file read, in order.</summary>
        public IReadOnlyList<string> FilesRead { get; }

        /// <summary>A path as ssh opens it: ~ and the %d %u %h %r %p %n %k tokens expanded (IdentityFile, UserKnownHostsFile...).</summary>
        public string ExpandPath(string path) => SshTokens.Expand(SshConfigIncludes.ExpandTilde(path, home), pathTokens);

        /// <summary>The value ssh uses for a keyword (any case), arguments joined by one space; null when unset.</summary>
        public string? Get(string keyword) => values.TryGetValue(keyword.ToLowerInvariant(), out var list) ? list[0].Value : null;

        /// <summary>Every value of a keyword that accumulates (IdentityFile, CertificateFile, LocalForward...).</summary>
        public IReadOnlyList<string> GetAll(string keyword) =>
            values.TryGetValue(keyword.ToLowerInvariant(), out var list) ? list.Select(v => v.Value).ToList() : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>The line that set the value ssh uses; null when it is a default.</summary>
        public SshConfigLocation? SourceOf(string keyword) => values.TryGetValue(keyword.ToLowerInvariant(), out var list) ? list[0].Source : null;

        private static string? NoneToNull(string? value) => value != null && value.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : value;

        private static bool IsOn(string? value) => value != null && !value.Equals("no", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

        private static int ParsePort(string? value, SshConfigLocation? source)
        {
            if (value == null)
            {
                return 22;
            }

            if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) && port > 0 && port < 65536)
            {
                return port;
            }

            throw new Errors.EspriException(Errors.ErrorIds.ConfigInvalid,
                $"Bad port '{value}' at {source}: ssh refuses this config. Write a number between 1 and 65535.", source?.ToString());
        }
    }
}
