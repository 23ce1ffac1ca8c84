using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>The outcome of Get-EspriDebugReport (PS type name "EspriSsh.DebugReport").</summary>
    public sealed class DebugReport
    {
        public DebugReport(string text, IReadOnlyList<Finding> findings)
        {
            Text = text;
            Findings = findings.ToArray();
        }

        /// <summary>The full path of the written file; null until written.</summary>
        public string? Path { get; internal set; }

        /// <summary>"on your Desktop"... when the folder is one the user knows by name.</summary>
        public string? Location { get; internal set; }

        /// <summary>Where the file this report replaced was kept (.bak), if there was one.</summary>
        public string? Backup { get; internal set; }

        /// <summary>The problems found, most serious first; the same as at the top of the file.</summary>
        public Finding[] Findings { get; }

        /// <summary>True when nothing blocking was found (no finding of severity Error).</summary>
        public bool Succeeded => Findings.All(f => f.Severity != FindingSeverity.Error);

        /// <summary>The report text (UTF-8, as written).</summary>
        internal string Text { get; }
    }
}
