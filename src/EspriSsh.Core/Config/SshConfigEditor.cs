using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Writes the site's aliases (Host spirit1, Host jean-zay) into an existing ssh config without
    /// disturbing anything else: an existing block is updated in place (only the keys we own), a new one
    /// goes before the first Host/Match that could shadow it, every other byte is kept (a BOM aside), and
    /// the result is checked with the resolver so a value ssh would not use is reported.
    /// </summary>
    public sealed class SshConfigEditor
    {
        private const string DisabledMark = "  # disabled by Set-EspriSshConfig: agent forwarding for every host";
        private static readonly Regex Login = new Regex("^[A-Za-z0-9_][A-Za-z0-9._@-]*$");

        private readonly SiteProfile site;
        private readonly SshToolLocator locator;
        private readonly bool isWindows;

        public SshConfigEditor(SiteProfile site, SshToolLocator? locator = null, bool? isWindows = null)
        {
            this.site = site;
            this.locator = locator ?? new SshToolLocator();
            this.isWindows = isWindows ?? HostPlatform.IsWindows;
        }

        public SshConfigEditPlan Plan(string configPath, SshConfigRequest request, SshResolveOptions? options = null)
        {
            options ??= new SshResolveOptions();
            List<DesiredBlock> blocks = DesiredBlocks(request);
            SshConfigDocument original = SshConfigDocument.Load(configPath) ?? SshConfigDocument.Empty(configPath);
            bool exists = File.Exists(configPath);
            var lines = original.Lines.ToList();
            var warnings = new List<string>();
            string newLine = lines.Any(l => l.LineEnding.Length > 0) ? original.NewLine : "\n";

            if (original.HasBom)
            {
                warnings.Add($"'{configPath}' started with a UTF-8 byte order mark (BOM), which made OpenSSH refuse the whole file; it is removed.");
            }

            HandleForwardAgent(lines, original, configPath, request.DisableForwardAgentAll, warnings, options);

            foreach (DesiredBlock block in blocks)
            {
                SshConfigLocation? included = DefinedInInclude(original, block.Alias, options);
                if (included != null)
                {
                    warnings.Add($"Host {block.Alias} is defined in an included file ({included}); EspriSsh does not edit included files, so that block was left as it is. Edit it there, or remove it and run Set-EspriSshConfig again.");
                    continue;
                }

                int existing = lines.FindIndex(l => l.Is("Host") && l.Arguments.Count == 1 && l.Arguments[0] == block.Alias);
                if (existing >= 0)
                {
                    int shadow = FirstShadowingSection(lines, block.Alias);
                    if (shadow >= 0 && shadow < existing)
                    {
                        // Pasted after a Host * or Match: ssh reads that first, so the block moves (whole) above it.
                        existing = MoveBlock(lines, existing, AttachPoint(lines, shadow), newLine);
                        warnings.Add($"Host {block.Alias} came after a section ssh reads first ({configPath} line {shadow + 1}), so its values were ignored; the block was moved above it.");
                    }

                    UpdateInPlace(lines, existing, block, newLine);
                }
                else
                {
                    Insert(lines, block, newLine);
                }
            }

            SshConfigDocument updated = original.With(lines, hasBom: false);
            bool satisfied = Verify(updated, blocks, warnings, options);
            string diff = UnifiedDiff.Create(DisplayLines(original), DisplayLines(updated), configPath, configPath + " (new)");
            return new SshConfigEditPlan(configPath, exists ? original.ToBytes() : null, updated.ToBytes(),
                blocks.Select(b => b.Alias).ToList(), diff, warnings, satisfied);
        }

        /// <summary>Writes a planned change: ~/.ssh created 0700 when missing, a .bak of the old file, the new one atomically and owner-only.</summary>
        public static ConfigChange Apply(SshConfigEditPlan plan)
        {
            if (!plan.Changed)
            {
                return new ConfigChange(plan.Path, false, null, plan.Hosts, plan.Diff, plan.Warnings);
            }

            string target = RealPath(plan.Path);
            byte[]? current = BoundedFileReader.ReadIfExists(target, SshConfigDocument.MaxBytes, "ssh config file");
            bool unchangedSincePlan = current == null ? plan.OriginalBytes == null : plan.OriginalBytes != null && current.SequenceEqual(plan.OriginalBytes);
            if (!unchangedSincePlan)
            {
                throw new EspriException(ErrorIds.ConfigChangedDuringEdit, EspriErrorCategory.InvalidOperation,
                    $"'{plan.Path}' changed while the edit was prepared; nothing was written. Run the command again.", plan.Path);
            }

            string directory = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(directory))
            {
                HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(directory);
            }

            string? backup = current == null ? null : BackupFile.Create(target, ownerOnly: true);
            AtomicFileWriter.WriteAllBytes(target, plan.NewBytes, ownerOnly: true);
            return new ConfigChange(plan.Path, true, backup, plan.Hosts, plan.Diff, plan.Warnings);
        }

        private List<DesiredBlock> DesiredBlocks(SshConfigRequest request)
        {
            RequireLogin(request.User, "User");
            string headAlias = request.HeadNode ?? site.DefaultHeadNode;
            SiteHost? head = site.FindHost(headAlias);
            if (head == null || head.Role != "HeadNode")
            {
                throw new EspriException(ErrorIds.InvalidParameter, EspriErrorCategory.InvalidArgument,
                    $"'{headAlias}' is not a head node of {site.Name}. Use one of: {string.Join(", ", site.HeadNodes.Select(h => h.Alias))}.", headAlias);
            }

            if (string.IsNullOrWhiteSpace(request.IdentityFile) || request.IdentityFile.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new EspriException(ErrorIds.InvalidParameter, EspriErrorCategory.InvalidArgument,
                    "IdentityFile must be the path of your private key, for example ~/.ssh/id_ed25519.", request.IdentityFile);
            }

            var blocks = new List<DesiredBlock> { HostBlock(head, request.User, request.IdentityFile, request.ForwardX11) };
            if (request.JeanZayUser != null)
            {
                RequireLogin(request.JeanZayUser, "JeanZayUser");
                SiteHost jeanZay = site.Hosts.FirstOrDefault(h => h.Role == "Remote" && h.Alias == "jean-zay")
                    ?? throw new EspriException(ErrorIds.InvalidParameter, EspriErrorCategory.InvalidArgument,
                        $"The site profile '{site.Source}' has no jean-zay host, so -JeanZayUser cannot be used with it.", request.JeanZayUser);
                DesiredBlock block = HostBlock(jeanZay, request.JeanZayUser, request.IdentityFile, forwardX11: false);
                string ssh = isWindows ? (locator.Find("ssh")?.Path ?? "ssh.exe") : "ssh";
                string proxyCommand = SshConfigLineParser.Quote(ssh) + " " + head.Alias + " -W %h:%p";
                block.Settings.Add(request.UseProxyCommand ? ("ProxyCommand", proxyCommand) : ("ProxyJump", head.Alias));
                block.Retired = request.UseProxyCommand ? "ProxyJump" : "ProxyCommand";
                blocks.Add(block);
            }

            return blocks;
        }

        private static DesiredBlock HostBlock(SiteHost host, string user, string identityFile, bool forwardX11)
        {
            var block = new DesiredBlock(host.Alias.ToLowerInvariant());
            block.Settings.Add(("HostName", host.HostName));
            if (host.Port != 22)
            {
                block.Settings.Add(("Port", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
                throw new EspriException(ErrorIds.InvalidParameter, EspriErrorCategory.InvalidArgument,
                    $"-{parameter} '{login}' is not a login name: give the user name the centre gave you (letters, digits, '.', '_', '-'; no spaces).", login);
            }
        }

        private static void HandleForwardAgent(List<SshConfigLine> lines, SshConfigDocument original, string configPath, bool disable, List<string> warnings, SshResolveOptions options)
        {
            foreach (SshConfigFinding finding in SshConfigInspector.Inspect(original, options).Where(f => f.Id == SshConfigFinding.ForwardAgentAllHosts))
            {
                bool inMainFile = finding.Location.File == configPath;
                if (disable && inMainFile)
                {
                    int index = finding.Location.Line - 1;
                    SshConfigLine line = lines[index];
                    int indent = line.Text.Length - line.Text.TrimStart().Length;
                    lines[index] = SshConfigLine.Parse(line.Text.Substring(0, indent) + "# " + line.Text.Substring(indent) + DisabledMark, line.LineEnding);
                    warnings.Add($"{finding.Location}: 'ForwardAgent yes' for every host is now commented out; servers you connect to can no longer use your agent.");
                }
                else
                {
                    warnings.Add(finding.Message + (inMainFile ? "" : " EspriSsh does not edit included files: change it there."));
                }
            }
        }

        private static SshConfigLocation? DefinedInInclude(SshConfigDocument document, string alias, SshResolveOptions options) =>
            SshConfigInspector.WithIncludes(document, options.Home).Skip(1)
                .SelectMany(doc => doc.Lines.Select((line, i) => (doc, line, i)))
                .Where(x => x.line.Is("Host") && x.line.Arguments.Contains(alias))
                .Select(x => new SshConfigLocation(x.doc.Path ?? "", x.i + 1))
                .FirstOrDefault();

        private static void UpdateInPlace(List<SshConfigLine> lines, int hostLine, DesiredBlock block, string newLine)
        {
            int End() => SectionEnd(lines, hostLine);
            string indent = IndentOf(lines, hostLine + 1, End());
            foreach (var (keyword, value) in block.Settings)
            {
                int end = End();
                List<int> matching = Enumerable.Range(hostLine + 1, end - hostLine - 1).Where(i => lines[i].Is(keyword)).ToList();
                if (keyword == "IdentityFile")
                {
                    if (!matching.Any(i => lines[i].Arguments.FirstOrDefault() == value))
                    {
                        lines.Insert(matching.Count > 0 ? matching[0] : LastDirective(lines, hostLine, end) + 1, NewSetting(indent, keyword, value, newLine));
                    }
                }
                else if (matching.Count == 0)
                {
                    lines.Insert(LastDirective(lines, hostLine, end) + 1, NewSetting(indent, keyword, value, newLine));
                }
                else if (!SameValue(keyword, CurrentValue(lines[matching[0]]), value))
                {
                    lines[matching[0]] = lines[matching[0]].WithValue(Written(keyword, value));
                }
            }

            if (block.Retired != null)
            {
                for (int i = hostLine + 1; i < End(); i++)
                {
                    if (lines[i].Is(block.Retired))
                    {
                        int lead = lines[i].Text.Length - lines[i].Text.TrimStart().Length;
                        lines[i] = SshConfigLine.Parse(lines[i].Text.Substring(0, lead) + "# " + lines[i].Text.Substring(lead), lines[i].LineEnding);
                    }
                }
            }
        }

        private static void Insert(List<SshConfigLine> lines, DesiredBlock block, string newLine)
        {
            int shadow = FirstShadowingSection(lines, block.Alias);
            int at = shadow < 0 ? lines.Count : AttachPoint(lines, shadow);
            string indent = IndentOf(lines, 0, lines.Count);
            var added = new List<SshConfigLine> { SshConfigLine.Parse("Host " + block.Alias, newLine) };
            added.AddRange(block.Settings.Select(s => NewSetting(indent, s.Keyword, s.Value, newLine)));
            PlaceSection(lines, at, added, newLine);
        }

        /// <summary>The first section ssh would read before ours for this alias: a Host that matches it, or any Match (judged conservatively).</summary>
        private static int FirstShadowingSection(List<SshConfigLine> lines, string alias) =>
            lines.FindIndex(l => (l.Is("Host") && HostPatternMatcher.HostLineMatches(alias, l.Arguments)) || l.Is("Match"));

        /// <summary>Where to put a section that must come before <paramref name="section"/>: above the comment written just over it.</summary>
        private static int AttachPoint(List<SshConfigLine> lines, int section)
        {
            int at = section;
            while (at > 0 && lines[at - 1].Kind == SshConfigLineKind.Comment && lines[at - 1].Text.StartsWith("#", StringComparison.Ordinal))
            {
                at--;
            }

            return at;
        }

        /// <summary>Moves an existing Host block (its lines up to its last setting) to <paramref name="at"/>; returns its new index.</summary>
        private static int MoveBlock(List<SshConfigLine> lines, int start, int at, string newLine)
        {
            int count = LastDirective(lines, start, SectionEnd(lines, start)) - start + 1;
            List<SshConfigLine> moved = lines.GetRange(start, count);
            lines.RemoveRange(start, count);
            if (start > 0 && start < lines.Count && lines[start - 1].Kind == SshConfigLineKind.Blank && lines[start].Kind == SshConfigLineKind.Blank)
            {
                lines.RemoveAt(start);
            }

            if (moved[moved.Count - 1].LineEnding.Length == 0)
            {
                moved[moved.Count - 1] = moved[moved.Count - 1].WithLineEnding(newLine);
            }

            return PlaceSection(lines, at, moved, newLine);
        }

        /// <summary>Inserts section lines at <paramref name="at"/> with a blank line on each side; returns the index of its first line.</summary>
        private static int PlaceSection(List<SshConfigLine> lines, int at, List<SshConfigLine> section, string newLine)
        {
            if (at == lines.Count && at > 0 && lines[at - 1].LineEnding.Length == 0)
            {
                lines[at - 1] = lines[at - 1].WithLineEnding(newLine);
            }

            var added = new List<SshConfigLine>();
            bool blankBefore = at > 0 && lines[at - 1].Kind != SshConfigLineKind.Blank;
            if (blankBefore)
            {
                added.Add(SshConfigLine.Parse("", newLine));
            }

            added.AddRange(section);
            if (at < lines.Count)
            {
                added.Add(SshConfigLine.Parse("", newLine));
            }

            lines.InsertRange(at, added);
            return blankBefore ? at + 1 : at;
        }

        private static bool Verify(SshConfigDocument updated, List<DesiredBlock> blocks, List<string> warnings, SshResolveOptions options)
        {
            bool satisfied = true;
            foreach (DesiredBlock block in blocks)
            {
                ResolvedHostConfig resolved = SshConfigResolver.Resolve(updated, block.Alias, options);
                foreach (var (keyword, value) in block.Settings)
                {
                    string? actual = keyword == "IdentityFile"
                        ? (resolved.IdentityFiles.Contains(value) ? value : string.Join(", ", resolved.IdentityFiles))
                        : resolved.Get(keyword);
                    if (actual == null || !SameValue(keyword, actual, value))
                    {
                        satisfied = false;
                        SshConfigLocation? source = resolved.SourceOf(keyword);
                        warnings.Add($"ssh will use {keyword} '{actual ?? "(default)"}' for {block.Alias}, not '{value}'" +
                            (source != null ? $": {source} sets it first. Move or remove that line (EspriSsh leaves other settings alone)." : "."));
                    }
                }
            }

            return satisfied;
        }

        private static string CurrentValue(SshConfigLine line) =>
            line.Is("ProxyCommand") ? line.RawValue : string.Join(" ", line.Arguments);

        private static bool SameValue(string keyword, string actual, string wanted) =>
            string.Equals(actual, wanted, keyword == "HostName" || keyword == "IdentitiesOnly" || keyword == "ForwardX11"
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        private static string Written(string keyword, string value) =>
            keyword == "ProxyCommand" ? value : SshConfigLineParser.Quote(value);

        private static SshConfigLine NewSetting(string indent, string keyword, string value, string newLine) =>
            SshConfigLine.Parse(indent + keyword + " " + Written(keyword, value), newLine);

        private static int SectionEnd(List<SshConfigLine> lines, int sectionStart)
        {
            int i = sectionStart + 1;
            while (i < lines.Count && !lines[i].StartsSection)
            {
                i++;
            }

            return i;
        }

        private static int LastDirective(List<SshConfigLine> lines, int hostLine, int end)
        {
            int last = hostLine;
            for (int i = hostLine + 1; i < end; i++)
            {
                if (lines[i].IsDirective)
                {
                    last = i;
                }
            }

            return last;
        }

        /// <summary>The indentation the file already uses for settings inside a Host block (four spaces by default).</summary>
        private static string IndentOf(List<SshConfigLine> lines, int from, int to)
        {
            bool inSection = false;
            for (int i = 0; i < lines.Count; i++)
            {
                inSection |= lines[i].StartsSection;
                if (i >= from && i < to && inSection && lines[i].IsDirective && !lines[i].StartsSection)
                {
                    string indent = lines[i].Text.Substring(0, lines[i].Text.Length - lines[i].Text.TrimStart().Length);
                    if (indent.Length > 0)
                    {
                        return indent;
                    }
                }
            }

            return "    ";
        }

        private static IReadOnlyList<string> DisplayLines(SshConfigDocument document)
        {
            var lines = document.Lines.Select(l => l.Text).ToList();
            if (document.HasBom && lines.Count > 0)
            {
                lines[0] = "<UTF-8 BOM>" + lines[0];
            }

            return lines;
        }

        private static string RealPath(string path)
        {
#if NET
            var info = new FileInfo(path);
            if (info.Exists && info.LinkTarget != null)
            {
                return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            }
#endif
            return path;
        }

        private sealed class DesiredBlock
        {
            public DesiredBlock(string alias) => Alias = alias;

            public string Alias { get; }

            public List<(string Keyword, string Value)> Settings { get; } = new List<(string, string)>();

            /// <summary>The other jump form, commented out when found in our block (ssh would use whichever comes first).</summary>
            public string? Retired { get; set; }
        }
    }
}
