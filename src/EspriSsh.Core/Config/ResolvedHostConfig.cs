using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EspriSsh.Core.Config.Grammar;
using EspriSsh.Core.Config.Reading;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// What ssh would use to connect to one host, with where each value came from. Values follow
    /// `ssh -G`: HostName settled (lower case, addresses canonical), IdentityFiles as written (~ and
    /// %-tokens kept), UserKnownHostsFile expanded, defaults filled in.
    /// </summary>
    public sealed class ResolvedHostConfig
    {
        /// <summary>ssh's default key files, tried when the config names none.</summary>
        public static readonly IReadOnlyList<string> DefaultIdentityFiles = Keys.KeyFile.NamesSshTries.Select(name => "~/.ssh/" + name).ToList();

        /// <summary>ssh's default user known_hosts files, as written before ~ is expanded.</summary>
        public static readonly IReadOnlyList<string> DefaultUserKnownHostsFiles = new[] { "~/.ssh/known_hosts", "~/.ssh/known_hosts2" };

        private readonly SshOptionValues values;
        private readonly string home;

        internal ResolvedHostConfig(string host, string hostName, SshOptionValues values, SshReadingState state, SshResolveOptions options)
        {
            this.values = values;
            home = options.Home;
            Host = host;
            HostName = hostName;
            UnevaluatedMatches = state.NotJudged.ToList();
            FilesRead = state.FilesRead.Distinct(StringComparer.Ordinal).ToList();
            Notices = state.Problems.Where(p => !p.Refuses).ToList();
            User = Get("user") ?? options.LocalUser;
            Port = Get("port") is string port ? SshValueSyntax.Port(port) : 22;
            HostKeyAlias = Get("hostkeyalias") is string alias ? HostPatternMatcher.LowerAscii(alias) : null;
            Jump = values.Jump;
            ProxyJump = Jump?.ToString();
            ProxyCommand = Jump == null && Get("proxycommand") is string command && !command.Equals("none", StringComparison.OrdinalIgnoreCase) ? values.First("proxycommand")!.Raw : null;
            ForwardAgent = IsOn(Get("forwardagent"));
            IdentitiesOnly = IsOn(Get("identitiesonly"));
            ForwardX11 = IsOn(Get("forwardx11"));
            IdentityFilesFromConfig = GetAll("identityfile").Count > 0;
            IdentityFiles = IdentityFilesFromConfig ? GetAll("identityfile") : DefaultIdentityFiles;
            Tokens = new Dictionary<char, string>
            {
                ['C'] = options.Facts.ConnectionHash(HostName, Port, User), ['L'] = options.Facts.ShortHost, ['i'] = options.Facts.UserId,
                ['k'] = HostKeyAlias ?? host, ['l'] = options.Facts.ThisHost, ['n'] = host, ['p'] = Port.ToString(CultureInfo.InvariantCulture),
                ['d'] = options.Home, ['h'] = HostName, ['r'] = User, ['u'] = options.LocalUser,
            };
            ExpandedIdentityFiles = IdentityFiles.Select(ExpandPath).ToList();
            ExpandedCertificateFiles = GetAll("certificatefile").Select(ExpandPath).ToList();
            UserKnownHostsFiles = SshResolvedChecks.KnownHostsFiles(this, state, options);
            GlobalKnownHostsFiles = GetList("globalknownhostsfile") is IReadOnlyList<string> global
                ? (global.Count == 1 && global[0].Equals("none", StringComparison.OrdinalIgnoreCase) ? Array.Empty<string>() : global)
                : (IReadOnlyList<string>)new[] { "/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2" };
        }

        /// <summary>The name asked for (ssh's "host", as typed).</summary>
        public string Host { get; }

        /// <summary>The name ssh connects to: HostName with %h expanded, lower case, an address written canonically.</summary>
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

        /// <summary>As ssh -G prints it ([user@]host[:port], jumps before it first); null when none applies (or "ProxyJump none").</summary>
        public string? ProxyJump { get; }

        public string? ProxyCommand { get; }

        public bool ForwardAgent { get; }

        public bool IdentitiesOnly { get; }

        public bool ForwardX11 { get; }

        /// <summary>The name known_hosts is looked up and written under instead of the host's (lower case); null when none.</summary>
        public string? HostKeyAlias { get; }

        /// <summary>The user known_hosts files, ~, %-tokens and ${VAR} expanded as ssh does; empty for "UserKnownHostsFile none".</summary>
        public IReadOnlyList<string> UserKnownHostsFiles { get; }

        /// <summary>The system known_hosts files as ssh reads them; empty for "GlobalKnownHostsFile none".</summary>
        public IReadOnlyList<string> GlobalKnownHostsFiles { get; }

        /// <summary>Match lines this resolver could not judge (a Match exec it could not run): treated as not matching.</summary>
        public IReadOnlyList<SshConfigLocation> UnevaluatedMatches { get; }

        /// <summary>The config file and every Included file read, in order.</summary>
        public IReadOnlyList<string> FilesRead { get; }

        /// <summary>What ssh prints but does not refuse ("Unsupported option ...").</summary>
        public IReadOnlyList<SshConfigProblem> Notices { get; }

        internal SshJump? Jump { get; }

        internal IReadOnlyDictionary<char, string> Tokens { get; }

        /// <summary>A path as ssh opens it: ~ and the %-tokens expanded (IdentityFile, CertificateFile...); an unknown token stays as written.</summary>
        public string ExpandPath(string path) => SshTokens.Expand(SshConfigIncludes.ExpandTilde(path, home), Tokens);

        /// <summary>The value ssh uses for a keyword (any case), arguments joined by one space; null when unset.</summary>
        public string? Get(string keyword) => values.First(Canonical(keyword))?.Value;

        /// <summary>Every value of a keyword that accumulates (IdentityFile, CertificateFile, LocalForward...).</summary>
        public IReadOnlyList<string> GetAll(string keyword) => values.All(Canonical(keyword)).Select(e => e.Value).ToList();

        /// <summary>The line that set the value ssh uses; null when it is a default.</summary>
        public SshConfigLocation? SourceOf(string keyword) => values.First(Canonical(keyword))?.Source;

        /// <summary>Where each value of an accumulating keyword comes from, in ssh's order.</summary>
        public IReadOnlyList<SshConfigLocation> SourcesOf(string keyword) => values.All(Canonical(keyword)).Select(e => e.Source).ToList();

        internal IReadOnlyList<string>? GetList(string keyword) => values.First(Canonical(keyword))?.Arguments;

        private static string Canonical(string keyword) => SshKeywords.Find(keyword.ToLowerInvariant())?.Name ?? keyword.ToLowerInvariant();

        private static bool IsOn(string? value) => value != null && !value.Equals("no", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
