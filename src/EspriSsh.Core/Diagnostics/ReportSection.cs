using System.Collections.Generic;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// One headed part of the support report: plain lines a support person reads. Every line is
    /// escaped as it is added (UntrustedText): a value from a file, an agent or a server can neither
    /// forge a line of the report nor drive the terminal it is read in.
    /// </summary>
    public sealed class ReportSection
    {
        private readonly List<string> lines = new List<string>();

        public ReportSection(string heading) => Heading = heading;

        public string Heading { get; }

        public IReadOnlyList<string> Lines => lines;

        /// <summary>"Name: value", aligned by the writer's reader, not padded here.</summary>
        public ReportSection Field(string name, string? value)
        {
            lines.Add(UntrustedText.Escape(name + ": " + (string.IsNullOrEmpty(value) ? "(none)" : value)));
            return this;
        }

        public ReportSection Line(string line)
        {
            lines.Add(UntrustedText.Escape(line));
            return this;
        }

        /// <summary>A block of tool output, indented and split into lines.</summary>
        public ReportSection Block(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
            {
                lines.Add("    " + UntrustedText.Escape(line));
            }

            return this;
        }
    }
}
