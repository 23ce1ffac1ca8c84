using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using EspriSsh.Core.Display;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Plans the edit that puts the site's aliases (SiteConfigBlocks) into an existing ssh config
    /// without disturbing anything else (SshConfigLineEditor): the file must be one ssh accepts (it is
    /// not touched otherwise), a BOM that made OpenSSH refuse it is dropped, "ForwardAgent yes" for
    /// every host is handled, blocks of included files are left alone, an existing route to Jean Zay
    /// through another jump host is kept unless replacing it was agreed, the result is read as ssh
    /// would (SshConfigVerifier: every line that overrides the site's values named) and checked by ssh
    /// itself (SshConfigEditChecks). SshConfigWriter writes the plan.
    /// </summary>
    public sealed class SshConfigEditor
    {
        private const string DisabledMark = "  # disabled by Set-EspriSshConfig: agent forwarding for every host";

        private readonly SiteConfigBlocks siteBlocks;
        private readonly SshConfigJudge judge;

        public SshConfigEditor(SiteProfile site, SshToolLocator? locator = null, bool? isWindows = null, SshConfigJudge? judge = null)
        {
            locator ??= new SshToolLocator();
            siteBlocks = new SiteConfigBlocks(site, locator, isWindows ?? HostPlatform.IsWindows);
            this.judge = judge ?? SshConfigJudge.ForThisMachine(locator);
        }

        /// <summary>
        /// The edit, checked before and after by ssh (at most two `ssh -G` runs). A config ssh refuses gives
        /// a plan with <see cref="SshConfigEditPlan.Refusal"/> and nothing to write. <paramref name="checkResult"/>
        /// false skips the second check (Test-EspriSshConfig only looks).
        /// </summary>
        public SshConfigEditPlan Plan(string configPath, SshConfigRequest request, SshResolveOptions? options = null, bool checkResult = true)
        {
            options ??= new SshResolveOptions();
            List<DesiredHostBlock> blocks = siteBlocks.For(request);
            SshConfigDocument original = SshConfigDocument.Load(configPath) ?? SshConfigDocument.Empty(configPath);
            bool exists = File.Exists(configPath);
            var readings = new SshConfigReadings(options);
            var checks = new SshConfigEditChecks(judge, readings);

            // ssh reads the file on another core while the edit is planned; nothing planned is used before its verdict.
            // A BOM is the one refusal EspriSsh repairs: the check after the edit judges the file without it.
            Task<SshConfigVerdict>? headVerdict = exists && !original.HasBom ? checks.StartBefore(configPath, blocks[0].Alias, original) : null;
            (SshConfigEditPlan Plan, SshConfigDocument Updated, Func<int, int?> OriginalLine)? draft = null;
            ExceptionDispatchInfo? planFailed = null;
            try
            {
                draft = Draft(configPath, original, exists, blocks, request, readings);
            }
            catch (Exception ex)
            {
                planFailed = ExceptionDispatchInfo.Capture(ex);
            }

            SshConfigVerdict? before = headVerdict == null ? null : checks.Before(configPath, blocks, original, headVerdict);
            if (before != null && !before.Accepted)
            {
                return SshConfigEditPlan.Refused(configPath, blocks.Select(b => b.Alias).ToList(), before);
            }

            planFailed?.Throw();
            var (plan, updated, originalLine) = draft!.Value;
            if (checkResult && plan.Changed)
            {
                var sshDiffers = new List<string>();
                SshConfigVerdict after = checks.After(configPath, updated, blocks, originalLine, sshDiffers);
                if (!after.Accepted)
                {
                    return SshConfigEditPlan.Refused(configPath, plan.Hosts, after, editMadeIt: true);
                }

                if (plan.Overrides.Count == 0 && sshDiffers.Count > 0)
                {
                    plan.SshDisagrees($"ssh itself ({after.JudgedBy}) would use for {blocks[0].Alias}: {string.Join("; ", sshDiffers)}. EspriSsh's own reading of the config differed; ssh's is the one that counts.");
                }
            }

            return plan;
        }

        /// <summary>The edit and what EspriSsh's reading of it finds (overrides, a kept route), before ssh's checks.</summary>
        private (SshConfigEditPlan Plan, SshConfigDocument Updated, Func<int, int?> OriginalLine) Draft(string configPath, SshConfigDocument original, bool exists, List<DesiredHostBlock> blocks, SshConfigRequest request, SshConfigReadings readings)
        {
            SshResolveOptions options = readings.Options;
            var warnings = new List<string>();
            KeptRoute? kept = KeepOtherRoute(original, blocks, request, readings);
            SshConfigDocument updated = Edit(original, blocks, configPath, request, warnings, options);
            List<ConfigOverride> overrides = SshConfigVerifier.Verify(updated, blocks, readings);
            if (PortsToWrite(updated, blocks, overrides, configPath) is List<DesiredHostBlock> later && later.Count > 0)
            {
                // Port 22 is not written unless a section read after the block would change it: then it is.
                later.ForEach(b => b.Settings.Insert(1, ("Port", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                List<string> why = overrides.Where(o => o.Setting == "Port" && later.Any(b => b.Alias == o.Host))
                    .Select(o => $"{o.Location} ({o.Line}) would set the port of {o.Host} too: Port {o.Wanted} is written in the {o.Host} block so that ssh uses the site's port.").ToList();
                warnings.Clear();
                updated = Edit(original, blocks, configPath, request, warnings, options);
                overrides = SshConfigVerifier.Verify(updated, blocks, readings);
                warnings.AddRange(why);
            }

            Func<int, int?> originalLine = LineNumbersBefore(original, updated);
            kept = kept?.At(NumberedAfterEdit(kept.Location, original, updated));
            string diff = UnifiedDiff.Create(DisplayLines(original), DisplayLines(updated), configPath, configPath + " (new)");
            var plan = new SshConfigEditPlan(configPath, exists ? original.ToBytes() : null, updated.ToBytes(), blocks.Select(b => b.Alias).ToList(),
                diff, warnings, NextStep(siteBlocks.LeftOut(request), updated), overrides, originalLine, kept, judge.Ssh?.Path);
            return (plan, updated, originalLine);
        }

        private static SshConfigDocument Edit(SshConfigDocument original, List<DesiredHostBlock> blocks, string configPath, SshConfigRequest request, List<string> warnings, SshResolveOptions options)
        {
            var editor = new SshConfigLineEditor(original.Lines, original.Lines.Any(l => l.LineEnding.Length > 0) ? original.NewLine : "\n");
            if (original.HasBom)
            {
                warnings.Add($"{UntrustedText.Quoted(configPath)} started with a UTF-8 byte order mark (BOM), which made OpenSSH refuse the whole file; it is removed.");
            }

            HandleForwardAgent(editor, original, configPath, request.DisableForwardAgentAll, warnings, options);
            foreach (DesiredHostBlock block in blocks)
            {
                SshConfigLocation? included = DefinedInInclude(original, block.Alias, options);
                if (included != null)
                {
                    warnings.Add($"Host {block.Alias} is defined in an included file ({included}); EspriSsh does not edit included files, so that block was left as it is. Edit it there, or remove it and run Set-EspriSshConfig again.");
                    continue;
                }

                editor.Place(block, configPath, warnings);
            }

            return original.With(editor.Lines, hasBom: false);
        }

        /// <summary>
        /// The blocks whose port a section of the main file read after them changes (a later "Host *" with
        /// Port 2222). A Port line inside the user's own block for the alias is theirs: it is named, not changed.
        /// </summary>
        private static List<DesiredHostBlock> PortsToWrite(SshConfigDocument updated, List<DesiredHostBlock> blocks, List<ConfigOverride> overrides, string configPath) =>
            blocks.Where(b => !b.Settings.Any(s => s.Keyword == "Port") && overrides.Any(o => o.Host == b.Alias && o.Setting == "Port"
                && o.Location.File == configPath && o.Location.Line > HostLine(updated, b.Alias) && SectionStart(updated, o.Location.Line) != HostLine(updated, b.Alias))).ToList();

        /// <summary>The line number of the Host or Match that starts the section a line is in (0 before any).</summary>
        private static int SectionStart(SshConfigDocument document, int line)
        {
            for (int i = line - 1; i >= 0; i--)
            {
                if (document.Lines[i].StartsSection)
                {
                    return i + 1;
                }
            }

            return 0;
        }

        private static int HostLine(SshConfigDocument document, string alias) =>
            document.Lines.Select((line, i) => (line, i)).Where(x => x.line.Is("Host") && x.line.Arguments.Count == 1 && x.line.Arguments[0] == alias)
                .Select(x => x.i + 1).DefaultIfEmpty(int.MaxValue).First();

        /// <summary>
        /// The remote host's current route when it goes through another jump host (a lab proxy IDRIS
        /// registered): kept, and no jump written, unless the request agrees to replace it.
        /// </summary>
        private static KeptRoute? KeepOtherRoute(SshConfigDocument original, List<DesiredHostBlock> blocks, SshConfigRequest request, SshConfigReadings readings)
        {
            DesiredHostBlock? remote = blocks.FirstOrDefault(b => b.Jump != null);
            ResolvedHostConfig? now = remote == null || original.Lines.Count == 0 ? null : readings.Read(original, remote.Alias).Settings;
            if (remote == null || now == null || !(SshConfigOverrides.OtherRoute(remote, now) is (string route, SshConfigLocation source)))
            {
                return null;
            }

            var kept = new KeptRoute(remote.Alias, route, source, remote.Jump!);
            if (!request.ReplaceRoute)
            {
                remote.RouteKept = true;
                remote.Settings.RemoveAll(s => s.Keyword == "ProxyJump" || s.Keyword == "ProxyCommand");
                remote.Retired = null;
                return kept;
            }

            return null;
        }

        private static void HandleForwardAgent(SshConfigLineEditor editor, SshConfigDocument original, string configPath, bool disable, List<string> warnings, SshResolveOptions options)
        {
            foreach (SshConfigFinding finding in SshConfigInspector.Inspect(original, options).Where(f => f.Id == SshConfigFinding.ForwardAgentAllHosts))
            {
                bool inMainFile = finding.Location.File == configPath;
                if (disable && inMainFile)
                {
                    editor.CommentOut(finding.Location.Line - 1, DisabledMark);
                    warnings.Add($"{finding.Location}: 'ForwardAgent yes' for every host is now commented out; servers you connect to can no longer use your agent.");
                }
                else
                {
                    warnings.Add(finding.Message + (inMainFile ? "" : " EspriSsh does not edit included files: change it there."));
                }
            }
        }

        private static SshConfigLocation? DefinedInInclude(SshConfigDocument document, string alias, SshResolveOptions options) =>
            SshConfigInspector.WithIncludes(document, options.IncludeHome).Skip(1)
                .SelectMany(doc => doc.Lines.Select((line, i) => (doc, line, i)))
                .Where(x => x.line.Is("Host") && x.line.Arguments.Contains(alias))
                .Select(x => new SshConfigLocation(x.doc.Path ?? "", x.i + 1))
                .FirstOrDefault();

        /// <summary>A line of the file before the edit as numbered in the edited text (unchanged when it is elsewhere or gone).</summary>
        private static SshConfigLocation? NumberedAfterEdit(SshConfigLocation? location, SshConfigDocument original, SshConfigDocument updated)
        {
            if (location == null || location.File != original.Path || location.Line < 1 || location.Line > original.Lines.Count)
            {
                return location;
            }

            int index = updated.Lines.ToList().IndexOf(original.Lines[location.Line - 1]);
            return index < 0 ? location : new SshConfigLocation(location.File, index + 1);
        }

        /// <summary>A line of the edited text as numbered in the file before the edit; null for a line the edit adds.</summary>
        private static Func<int, int?> LineNumbersBefore(SshConfigDocument original, SshConfigDocument updated)
        {
            // Built when first asked: most edits name no line (no override, no refusal).
            Dictionary<SshConfigLine, int>? numbers = null;
            return line =>
            {
                if (line < 1 || line > updated.Lines.Count)
                {
                    return null;
                }

                if (numbers == null)
                {
                    numbers = new Dictionary<SshConfigLine, int>();
                    for (int i = 0; i < original.Lines.Count; i++)
                    {
                        numbers[original.Lines[i]] = i + 1;
                    }
                }

                return numbers.TryGetValue(updated.Lines[line - 1], out int before) ? before : (int?)null;
            };
        }

        /// <summary>-User alone writes no jean-zay alias: say how to add it, unless the config has one already.</summary>
        private static string? NextStep(SiteHost? leftOut, SshConfigDocument updated)
        {
            if (leftOut == null || updated.Lines.Any(l => l.Is("Host") && l.Arguments.Contains(leftOut.Alias, StringComparer.OrdinalIgnoreCase)))
            {
                return null;
            }

            string alias = leftOut.Alias.ToLowerInvariant();
            return $"to reach {alias} too ({leftOut.Description ?? leftOut.HostName}), run this command again with -JeanZayUser <your login there>; -User alone writes no {alias} alias.";
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
    }
}
