using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>What Set-EspriSshConfig did (PowerShell type name EspriSsh.ConfigChange).</summary>
    public sealed class ConfigChange
    {
        public ConfigChange(string path, bool changed, string? backupPath, IReadOnlyList<string> hosts, string diff, IReadOnlyList<string> warnings)
        {
            Path = path;
            Changed = changed;
            BackupPath = backupPath;
            Hosts = hosts;
            Diff = diff;
            Warnings = warnings;
        }

        public string Path { get; }

        public bool Changed { get; }

        /// <summary>The copy of the previous file (null when nothing was replaced).</summary>
        public string? BackupPath { get; }

        public IReadOnlyList<string> Hosts { get; }

        public string Diff { get; }

        public IReadOnlyList<string> Warnings { get; }
    }
}
