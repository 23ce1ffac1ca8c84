using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>The result of planning an edit, before anything is written.</summary>
    public sealed class SshConfigEditPlan
    {
        private readonly List<string> warnings;
        private readonly Func<int, int?> lineBeforeEdit;
        private string? sshDisagreement;

        internal SshConfigEditPlan(string path, byte[]? originalBytes, byte[] newBytes, IReadOnlyList<string> hosts, string diff, List<string> warnings,
            string? next, IReadOnlyList<ConfigOverride> overrides, Func<int, int?> lineBeforeEdit, KeptRoute? keptRoute, string? sshPath)
        {
            Path = path;
            OriginalBytes = originalBytes;
            NewBytes = newBytes;
            Hosts = hosts;
            Diff = diff;
            this.warnings = warnings;
            this.lineBeforeEdit = lineBeforeEdit;
            Next = next;
            Overrides = overrides;
            KeptRoute = keptRoute;
            CheckedWith = sshPath;
            warnings.AddRange(overrides.Select(o => $"{o}. Move or remove that line if the site's value is what you want (EspriSsh leaves your other settings alone)."));
            if (keptRoute != null)
            {
                warnings.Add($"{keptRoute}; EspriSsh left that route as it is. To go through {keptRoute.SiteJump} instead, run the command again with -ReplaceRoute (or answer yes when asked).");
            }
        }

        public string Path { get; }

        /// <summary>Null when the file does not exist yet.</summary>
        public byte[]? OriginalBytes { get; }

        public byte[] NewBytes { get; }

        public bool Changed => Refusal == null && (OriginalBytes == null || !OriginalBytes.SequenceEqual(NewBytes));

        /// <summary>The aliases this edit manages (spirit1, jean-zay).</summary>
        public IReadOnlyList<string> Hosts { get; }

        /// <summary>A unified diff of the change ("" when nothing changes).</summary>
        public string Diff { get; }

        public IReadOnlyList<string> Warnings => warnings;

        /// <summary>Lines of the user's config that make ssh use something else than the site needs (numbered as in the edited file).</summary>
        public IReadOnlyList<ConfigOverride> Overrides { get; }

        /// <summary>The user's own route to the remote host, kept because nobody agreed to replace it (its line numbered as in the edited file); null when none.</summary>
        public KeptRoute? KeptRoute { get; }

        /// <summary>ssh's refusal of the file (or of the edit): nothing may be written. Null when ssh accepts both.</summary>
        public SshConfigVerdict? Refusal { get; private set; }

        /// <summary>True when the file ssh accepted would be refused after the edit (then nothing is written either).</summary>
        public bool RefusedByEdit { get; private set; }

        /// <summary>The ssh that checked the file; null when EspriSsh judged alone (no ssh installed).</summary>
        public string? CheckedWith { get; }

        /// <summary>After the edit, ssh resolves every managed alias to exactly what the site needs.</summary>
        public bool Satisfied => Refusal == null && Overrides.Count == 0 && KeptRoute == null && sshDisagreement == null;

        /// <summary>What the user may want to do next (how to add the jean-zay alias), or null.</summary>
        public string? Next { get; }

        /// <summary>The overrides numbered as in the file before the edit (what Test-EspriSshConfig and -WhatIf show).</summary>
        public IReadOnlyList<ConfigOverride> OverridesBeforeEdit => Overrides.Select(o =>
            o.Location.File == Path && lineBeforeEdit(o.Location.Line) is int line
                ? new ConfigOverride(o.Host, o.Setting, o.Value, o.Wanted, new SshConfigLocation(o.Location.File, line), o.Line, o.Effect)
                : o).ToList();

        /// <summary>The kept route numbered as in the file before the edit (what Test-EspriSshConfig and a question asked before writing show).</summary>
        public KeptRoute? KeptRouteBeforeEdit =>
            KeptRoute?.Location is SshConfigLocation at && at.File == Path && lineBeforeEdit(at.Line) is int line ? KeptRoute.At(new SshConfigLocation(at.File, line)) : KeptRoute;

        internal static SshConfigEditPlan Refused(string path, IReadOnlyList<string> hosts, SshConfigVerdict verdict, bool editMadeIt = false) =>
            new SshConfigEditPlan(path, null, Array.Empty<byte>(), hosts, "", new List<string>(), null, Array.Empty<ConfigOverride>(), _ => null, null, null)
            {
                Refusal = verdict,
                RefusedByEdit = editMadeIt,
            };

        /// <summary>ssh's own answer differs from what the site needs where EspriSsh's reading saw no problem.</summary>
        internal void SshDisagrees(string warning)
        {
            sshDisagreement = warning;
            warnings.Add(warning);
        }
    }
}
