using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Answers "what would ssh use for host X" from ssh_config(5) rules: keywords case-insensitive, the
    /// first value obtained wins (IdentityFile and the forwards accumulate), Host patterns with '*', '?',
    /// '!', Include followed where it appears. Match: all, host, originalhost, user and localuser are
    /// evaluated; exec, canonical, final, localnetwork and tagged cannot be judged without running ssh,
    /// so such a Match block is treated as not matching and listed in UnevaluatedMatches.
    /// </summary>
    public static class SshConfigResolver
    {
        private static readonly HashSet<string> Accumulating = new HashSet<string>(StringComparer.Ordinal)
        {
            "identityfile", "certificatefile", "localforward", "remoteforward", "dynamicforward", "sendenv",
        };

        private static readonly HashSet<string> RestOfLine = new HashSet<string>(StringComparer.Ordinal)
        {
            "proxycommand", "localcommand", "remotecommand", "knownhostscommand",
        };

        /// <summary>Resolves <paramref name="host"/> against a config file (as `ssh -G -F configPath host`). A missing file resolves to the defaults.</summary>
        public static ResolvedHostConfig Resolve(string configPath, string host, SshResolveOptions? options = null) =>
            Resolve(SshConfigDocument.Load(configPath) ?? SshConfigDocument.Empty(configPath), host, options);

        /// <summary>Resolves against a document in memory (an edit not yet written); its Includes are read from disk.</summary>
        public static ResolvedHostConfig Resolve(SshConfigDocument document, string host, SshResolveOptions? options = null)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                throw new EspriException(ErrorIds.ConfigHostUnknown, "Give the host name or alias to resolve.", host);
            }

            options ??= new SshResolveOptions();
            var run = new Run(host, options);
            run.Process(document, active: true, depth: 0);
            if (options.SystemConfigPath != null && SshConfigDocument.Load(options.SystemConfigPath) is SshConfigDocument system)
            {
                run.Process(system, active: true, depth: 0);
            }

            return new ResolvedHostConfig(host, run.Values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<SshConfigValue>)kv.Value),
                run.Unevaluated, run.Files, options);
        }

        private sealed class Run
        {
            private readonly string host;
            private readonly SshResolveOptions options;
            private readonly IncludedFiles included = new IncludedFiles();
            private readonly Stack<string> including = new Stack<string>();
            private bool jumpHostSet;

            public Run(string host, SshResolveOptions options)
            {
                this.host = host;
                this.options = options;
            }

            public Dictionary<string, List<SshConfigValue>> Values { get; } = new Dictionary<string, List<SshConfigValue>>(StringComparer.Ordinal);

            public List<SshConfigLocation> Unevaluated { get; } = new List<SshConfigLocation>();

            public List<string> Files { get; } = new List<string>();

            public void Process(SshConfigDocument document, bool active, int depth)
            {
                string file = document.Path ?? "(config)";
                Files.Add(file);
                including.Push(document.Path == null ? file : System.IO.Path.GetFullPath(document.Path));
                for (int i = 0; i < document.Lines.Count; i++)
                {
                    SshConfigLine line = document.Lines[i];
                    var location = new SshConfigLocation(file, i + 1);
                    if (line.Kind == SshConfigLineKind.Invalid)
                    {
                        throw new EspriException(ErrorIds.ConfigInvalid,
                            $"{location}: a quote is not closed, so ssh refuses this config. Close the quote or remove it.", location.ToString());
                    }

                    if (!line.IsDirective)
                    {
                        continue;
                    }

                    if (line.Is("Host"))
                    {
                        active = HostPatternMatcher.HostLineMatches(host, line.Arguments);
                    }
                    else if (line.Is("Match"))
                    {
                        active = EvaluateMatch(line, location);
                    }
                    else if (line.Is("Include"))
                    {
                        if (active)
                        {
                            Include(line, location, depth + 1);
                        }
                    }
                    else if (active)
                    {
                        Record(line, location);
                    }
                }

                including.Pop();
            }

            /// <summary>Each file once (a second Include of it adds nothing: the first value wins); a cycle or too many files refuse the config.</summary>
            private void Include(SshConfigLine line, SshConfigLocation location, int depth)
            {
                foreach (string path in SshConfigIncludes.Expand(line, options.Home))
                {
                    if (including.Contains(System.IO.Path.GetFullPath(path)))
                    {
                        throw IncludedFiles.Cycle(location, path);
                    }

                    if (included.Add(path, depth, location) && SshConfigDocument.Load(path) is SshConfigDocument document)
                    {
                        Process(document, active: true, depth);
                    }
                }
            }

            private void Record(SshConfigLine line, SshConfigLocation location)
            {
                string keyword = line.Keyword!.ToLowerInvariant();
                string value = RestOfLine.Contains(keyword) ? line.RawValue : string.Join(" ", line.Arguments);
                if (keyword == "proxyjump")
                {
                    // ssh: ProxyCommand (even "none") set earlier hides ProxyJump; the first ProxyJump, even "none", wins.
                    if (jumpHostSet || Values.ContainsKey("proxycommand"))
                    {
                        return;
                    }

                    jumpHostSet = true;
                }
                else if (keyword == "proxycommand" && Values.TryGetValue("proxyjump", out var jump) && !jump[0].Value.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                if (!Values.TryGetValue(keyword, out List<SshConfigValue>? list))
                {
                    Values[keyword] = new List<SshConfigValue> { new SshConfigValue(value, location) };
                }
                else if (Accumulating.Contains(keyword) && !(keyword == "identityfile" && list.Any(v => v.Value == value)))
                {
                    list.Add(new SshConfigValue(value, location));
                }
            }

            private bool EvaluateMatch(SshConfigLine line, SshConfigLocation location)
            {
                IReadOnlyList<string> args = line.Arguments;
                bool result = true;
                for (int i = 0; i < args.Count; i++)
                {
                    string criterion = args[i];
                    bool negate = criterion.StartsWith("!", StringComparison.Ordinal);
                    string name = (negate ? criterion.Substring(1) : criterion).ToLowerInvariant();
                    bool matched;
                    if (name == "all")
                    {
                        matched = true;
                    }
                    else if ((name == "host" || name == "originalhost" || name == "user" || name == "localuser") && i + 1 < args.Count)
                    {
                        string pattern = args[++i];
                        matched = HostPatternMatcher.ListMatches(Subject(name), pattern);
                    }
                    else
                    {
                        Unevaluated.Add(location);
                        return false;
                    }

                    result &= negate ? !matched : matched;
                }

                return result;
            }

            private string Subject(string criterion)
            {
                switch (criterion)
                {
                    case "host":
                        return Values.TryGetValue("hostname", out var hn) ? SshTokens.Expand(hn[0].Value, new Dictionary<char, string> { ['h'] = host }) : host;
                    case "originalhost":
                        return host;
                    case "user":
                        return Values.TryGetValue("user", out var user) ? user[0].Value : options.LocalUser;
                    default:
                        return options.LocalUser;
                }
            }
        }
    }
}
