using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Finds what makes a config dangerous or unusable for every host: a UTF-8 BOM (ssh rejects the
    /// file) and ForwardAgent yes for all hosts. Included files are inspected too.
    /// </summary>
    public static class SshConfigInspector
    {
        public static IReadOnlyList<SshConfigFinding> Inspect(string configPath, SshResolveOptions? options = null)
        {
            SshConfigDocument? document = SshConfigDocument.Load(configPath);
            return document == null ? Array.Empty<SshConfigFinding>() : Inspect(document, options);
        }

        public static IReadOnlyList<SshConfigFinding> Inspect(SshConfigDocument document, SshResolveOptions? options = null)
        {
            options ??= new SshResolveOptions();
            var findings = new List<SshConfigFinding>();
            foreach (SshConfigDocument doc in WithIncludes(document, options.Home))
            {
                string file = doc.Path ?? "(config)";
                if (doc.HasBom)
                {
                    findings.Add(new SshConfigFinding(SshConfigFinding.ConfigHasBom, new SshConfigLocation(file, 1),
                        $"{UntrustedText.Quoted(file)} starts with a UTF-8 byte order mark (BOM), which some editors such as Notepad add: OpenSSH then refuses the whole file (\"Bad configuration option: \\357\\273\\277...\"). Save it as UTF-8 without BOM; Set-EspriSshConfig removes it from your main config."));
                }

                foreach (int index in ForwardAgentForAllHosts(doc.Lines))
                {
                    var location = new SshConfigLocation(file, index + 1);
                    findings.Add(new SshConfigFinding(SshConfigFinding.ForwardAgentAllHosts, location,
                        $"{location} turns on ForwardAgent for every host: any server you connect to, and anyone who controls it, can use the keys loaded in your agent to log in elsewhere as you while you are connected. Keep agent forwarding off by default (Set-EspriSshConfig -DisableForwardAgentAll comments this line out) and use ProxyJump to reach Jean Zay."));
                }
            }

            return findings;
        }

        /// <summary>Indexes of "ForwardAgent yes" lines that apply to every host: before any Host/Match, under a Host with a bare '*' or under "Match all".</summary>
        public static IEnumerable<int> ForwardAgentForAllHosts(IReadOnlyList<SshConfigLine> lines)
        {
            bool allHosts = true;
            for (int i = 0; i < lines.Count; i++)
            {
                SshConfigLine line = lines[i];
                if (line.Is("Host"))
                {
                    allHosts = line.Arguments.Contains("*");
                }
                else if (line.Is("Match"))
                {
                    allHosts = line.Arguments.Count == 1 && line.Arguments[0].Equals("all", StringComparison.OrdinalIgnoreCase);
                }
                else if (allHosts && line.Is("ForwardAgent") && line.Arguments.Count > 0
                    && !line.Arguments[0].Equals("no", StringComparison.OrdinalIgnoreCase) && !line.Arguments[0].Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    yield return i;
                }
            }
        }

        /// <summary>The document, then every file its Include lines name (recursively), each once.</summary>
        public static IEnumerable<SshConfigDocument> WithIncludes(SshConfigDocument document, string home)
        {
            var included = new IncludedFiles();
            var pending = new Stack<(SshConfigDocument Doc, int Depth)>();
            pending.Push((document, 0));
            while (pending.Count > 0)
            {
                var (doc, depth) = pending.Pop();
                yield return doc;
                var includes = doc.Lines.Select((line, i) => (line, i)).Where(x => x.line.Is("Include"))
                    .SelectMany(x => SshConfigIncludes.Expand(x.line, home).Select(path => (path, from: new SshConfigLocation(doc.Path ?? "(config)", x.i + 1))));
                foreach (var (path, from) in includes.Reverse())
                {
                    if (included.Add(path, depth + 1, from) && SshConfigDocument.Load(path) is SshConfigDocument next)
                    {
                        pending.Push((next, depth + 1));
                    }
                }
            }
        }
    }
}
