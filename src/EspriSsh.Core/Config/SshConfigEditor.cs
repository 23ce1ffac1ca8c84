using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Plans the edit that puts the site's aliases (SiteConfigBlocks) into an existing ssh config
    /// without disturbing anything else (SshConfigLineEditor), drops a BOM that made OpenSSH refuse
    /// the file, handles "ForwardAgent yes" for every host, leaves blocks of included files alone,
    /// and checks the result with the resolver (SshConfigVerifier). SshConfigWriter writes the plan.
    /// </summary>
    public sealed class SshConfigEditor
    {
        private const string DisabledMark = "  # disabled by Set-EspriSshConfig: agent forwarding for every host";

        private readonly SiteConfigBlocks siteBlocks;

        public SshConfigEditor(SiteProfile site, SshToolLocator? locator = null, bool? isWindows = null) =>
            siteBlocks = new SiteConfigBlocks(site, locator ?? new SshToolLocator(), isWindows ?? HostPlatform.IsWindows);

        public SshConfigEditPlan Plan(string configPath, SshConfigRequest request, SshResolveOptions? options = null)
        {
            options ??= new SshResolveOptions();
            List<DesiredHostBlock> blocks = siteBlocks.For(request);
            SshConfigDocument original = SshConfigDocument.Load(configPath) ?? SshConfigDocument.Empty(configPath);
            bool exists = File.Exists(configPath);
            var editor = new SshConfigLineEditor(original.Lines, original.Lines.Any(l => l.LineEnding.Length > 0) ? original.NewLine : "\n");
            var warnings = new List<string>();
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

            SshConfigDocument updated = original.With(editor.Lines, hasBom: false);
            bool satisfied = SshConfigVerifier.Verify(updated, blocks, warnings, options);
            string diff = UnifiedDiff.Create(DisplayLines(original), DisplayLines(updated), configPath, configPath + " (new)");
            return new SshConfigEditPlan(configPath, exists ? original.ToBytes() : null, updated.ToBytes(),
                blocks.Select(b => b.Alias).ToList(), diff, warnings, satisfied, NextStep(siteBlocks.LeftOut(request), updated));
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
            SshConfigInspector.WithIncludes(document, options.Home).Skip(1)
                .SelectMany(doc => doc.Lines.Select((line, i) => (doc, line, i)))
                .Where(x => x.line.Is("Host") && x.line.Arguments.Contains(alias))
                .Select(x => new SshConfigLocation(x.doc.Path ?? "", x.i + 1))
                .FirstOrDefault();

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
