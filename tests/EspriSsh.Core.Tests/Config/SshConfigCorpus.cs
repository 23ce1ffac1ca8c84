using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Tests.Architecture;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>
    /// tests/SshConfigCorpus: each folder is the HOME of one case (SOURCES.md says where each file
    /// comes from). A case is copied to a sandbox home; its top-level files are the configs, its
    /// .ssh/ what their Includes read. The hosts asked are every name the file's Host and Match lines
    /// mention (a pattern with its wildcards filled in), plus names no line mentions.
    /// </summary>
    internal static class SshConfigCorpus
    {
        private static readonly string[] AlwaysAsked = { "spirit1", "jean-zay", "unknown.example.org", "1234", "UPPER.example.org" };

        public static string Root => Path.Combine(SourceTree.Root, "tests", "SshConfigCorpus");

        public static IEnumerable<string> Cases() =>
            Directory.GetDirectories(Root).OrderBy(d => d, StringComparer.Ordinal);

        /// <summary>Copies a case into <paramref name="home"/>; returns the configs to test (full paths inside it).</summary>
        public static IReadOnlyList<string> Install(string caseDirectory, string home)
        {
            Copy(caseDirectory, home);
            var notConfigs = new HashSet<string>(File.Exists(Path.Combine(caseDirectory, ".not-a-config"))
                ? File.ReadAllLines(Path.Combine(caseDirectory, ".not-a-config")).Select(l => l.Trim()) : Enumerable.Empty<string>());
            return Directory.GetFiles(home).Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal) && !notConfigs.Contains(Path.GetFileName(f)))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        /// <summary>The hosts to ask about for a config: at most <paramref name="limit"/>.</summary>
        public static IReadOnlyList<string> HostsFor(string config, string home, int limit = 24)
        {
            var hosts = new List<string>();
            foreach (string file in new[] { config }.Concat(IncludedFiles(home)))
            {
                foreach (SshConfigLine line in (SshConfigDocument.Load(file)?.Lines ?? Array.Empty<SshConfigLine>()))
                {
                    if (line.Is("Host"))
                    {
                        hosts.AddRange(line.Arguments.Select(Concrete));
                    }
                    else if (line.Is("Match"))
                    {
                        IReadOnlyList<string> words = line.Arguments;
                        for (int i = 0; i + 1 < words.Count; i++)
                        {
                            string criterion = words[i].TrimStart('!').ToLowerInvariant();
                            if (criterion == "host" || criterion == "originalhost")
                            {
                                hosts.AddRange(words[i + 1].Split(',').Select(Concrete));
                            }
                        }
                    }
                }
            }

            // ssh compares Host patterns with the name as typed, Match host without case: ask both ways.
            return hosts.Concat(hosts.Take(3).Select(h => h.ToUpperInvariant())).Concat(AlwaysAsked).Where(h => h.Length > 0 && !h.StartsWith("-", StringComparison.Ordinal) && h.IndexOfAny(new[] { ' ', '\'', '"', '\\' }) < 0)
                .Distinct(StringComparer.Ordinal).Take(limit).ToList();
        }

        private static string Concrete(string pattern) => pattern.TrimStart('!').Replace("*", "x").Replace("?", "a");

        private static IEnumerable<string> IncludedFiles(string home) =>
            Directory.Exists(Path.Combine(home, ".ssh")) ? Directory.GetFiles(Path.Combine(home, ".ssh"), "*", SearchOption.AllDirectories) : Enumerable.Empty<string>();

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (string file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }

            foreach (string directory in Directory.GetDirectories(from))
            {
                Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
            }
        }
    }
}
