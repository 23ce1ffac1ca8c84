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
    }
}
