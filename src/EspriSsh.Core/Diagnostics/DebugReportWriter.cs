using System.Collections.Generic;
using System.Linq;
using System.Text;
using EspriSsh.Core.Display;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Lays the report out as plain text for a support person: what it is and where to send it, the
    /// findings with their fixes first, then each section under a numbered heading. Lines end in \n.
    /// </summary>
    internal static class DebugReportWriter
    {
        /// <summary>How every report starts: what tells an earlier report from another file.</summary>
        public const string FirstWords = "SSH debug information for support (";

        public static string Header(SupportInfo support, string madeAt, IReadOnlyList<Finding> findings)
        {
            var text = new StringBuilder();
            text.Append(FirstWords).Append(UntrustedText.Escape(support.ReportFileName)).Append(")\n");
            text.Append("Made by EspriSsh ").Append(RuntimeInfo.ModuleVersion).Append(" (Get-EspriDebugReport) at ").Append(madeAt).Append('\n');
            if (support.Address.Length > 0)
            {
                text.Append("Send it to: ").Append(UntrustedText.Escape(support.Address)).Append(", subject '").Append(UntrustedText.Escape(support.ReportSubject)).Append("'.\n");
            }

            text.Append("It holds no private key, no passphrase and no agent content beyond fingerprints.\n\n");
            text.Append(Heading($"FINDINGS ({findings.Count})"));
            if (findings.Count == 0)
            {
                text.Append("No problem found.\n");
            }

            int n = 0;
            foreach (Finding finding in findings.OrderBy(f => f.Severity))
            {
                text.Append(++n).Append(". [").Append(finding.Severity.ToString().ToUpperInvariant()).Append("] ").Append(UntrustedText.EscapeKeepingLines(finding.Problem)).Append('\n');
                text.Append("   Fix: ").Append(UntrustedText.EscapeKeepingLines(finding.Fix)).Append('\n');
            }

            return text.Append('\n').ToString();
        }

        public static string Sections(IReadOnlyList<ReportSection> sections)
        {
            var text = new StringBuilder();
            for (int i = 0; i < sections.Count; i++)
            {
                text.Append(Heading($"{i + 1}. {sections[i].Heading}"));
                foreach (string line in sections[i].Lines)
                {
                    text.Append(line.TrimEnd()).Append('\n');
                }

                text.Append('\n');
            }

            return text.Append("End of report.\n").ToString();
        }

        private static string Heading(string title) => "==== " + title + " " + new string('=', System.Math.Max(4, 72 - title.Length)) + "\n";
    }
}
