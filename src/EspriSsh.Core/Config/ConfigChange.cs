using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>What Set-EspriSshConfig did (PowerShell type name EspriSsh.ConfigChange).</summary>
    public sealed class ConfigChange
    {
        public ConfigChange(string path, bool changed, string? backupPath, IReadOnlyList<string> hosts, string diff, IReadOnlyList<string> warnings, string? next)
        {
            Path = path;
            Changed = changed;
            BackupPath = backupPath;
            Hosts = hosts;
            Diff = diff;
            Warnings = warnings;
            Next = next;
        }

        public string Path { get; }

        public bool Changed { get; }

        /// <summary>The copy of the previous file (null when nothing was replaced).</summary>
        public string? BackupPath { get; }

        public IReadOnlyList<string> Hosts { get; }

        public string Diff { get; }

        public IReadOnlyList<string> Warnings { get; }

        /// <summary>What the user may want to do next (how to add the jean-zay alias), or null.</summary>
        public string? Next { get; }

        /// <summary>Lines of the config that make ssh use something else than the site needs for an alias (file:line, what it does).</summary>
        public IReadOnlyList<ConfigOverride> Overrides { get; internal set; } = new ConfigOverride[0];

        /// <summary>The user's own route to Jean Zay, left as it is; null when none.</summary>
        public KeptRoute? KeptRoute { get; internal set; }

        /// <summary>ssh then uses exactly what the site needs for every alias written.</summary>
        public bool Satisfied { get; internal set; }

        /// <summary>The ssh that checked the file before and after; null when EspriSsh judged alone (no ssh installed).</summary>
        public string? CheckedWith { get; internal set; }
    }
}
