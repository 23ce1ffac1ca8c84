using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Host;
using System.Text;
using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;

namespace EspriSsh.Formatting
{
    /// <summary>
    /// Layout helpers for the format views (EspriSsh.Format.ps1xml). PowerShell's own wrapping cuts
    /// words (paths, commands) and restarts at column 0; these wrap between words and hang the
    /// continuation under a column, so a view reads well at 80 columns and still copies cleanly.
    /// Every text a view shows goes through here, escaped by the core's UntrustedText: a key comment
    /// or a file name holding ESC [2J must not clear the user's screen.
    /// </summary>
    public static class ConsoleText
    {
        // How the core marks a line that is a command to type (see Hang).
        private const string CommandIndent = "    ";

        // Used when the host has no window (a service, a remote session).
        private const int DefaultWidth = 80;

        /// <summary>
        /// The columns a view may fill: the window's width less one (a character in the last column
        /// makes some consoles wrap on their own).
        /// </summary>
        public static int Width(PSHost? host)
        {
            try
            {
                int width = host?.UI?.RawUI?.WindowSize.Width ?? 0;
                return width > 1 ? width - 1 : DefaultWidth - 1;
            }
            catch (Exception ex) when (ex is NotImplementedException || ex is NotSupportedException || ex is InvalidOperationException || ex is System.IO.IOException)
            {
                return DefaultWidth - 1;
            }
        }

        /// <summary>One value shown on one line (a path, a comment, a name): control characters, bidi controls and line breaks escaped.</summary>
        public static string Field(object? value) => UntrustedText.Escape(value?.ToString());

        /// <summary>A text with line breaks of its own (a message): escaped as <see cref="Field"/>, its line feeds kept.</summary>
        public static string Lines(object? value) => UntrustedText.EscapeKeepingLines(value?.ToString());

        /// <summary>
        /// <paramref name="text"/> word-wrapped to <paramref name="width"/> columns, its first line
        /// starting at column <paramref name="indent"/> (after a label the caller writes) and the
        /// following lines indented to that column. A word is never cut (it may be a path or a
        /// command to copy): one too long for the space left of the column starts further left, so
        /// that it ends at the last column; one longer than the whole width overflows and the
        /// terminal soft-wraps it. Existing line breaks are kept. A line indented by four spaces is a
        /// command to copy (the core's convention, as in Markdown): never wrapped, under the column
        /// when it fits there, else whole on a line of its own from column 0.
        /// </summary>
        public static string Hang(string? text, int indent, int width)
        {
            if (string.IsNullOrEmpty(text))
            {
                return "";
            }

            int room = Math.Max(20, width - indent);
            var lines = new List<string>();
            foreach (string paragraph in UntrustedText.EscapeKeepingLines(text).Split('\n'))
            {
                if (paragraph.StartsWith(CommandIndent, StringComparison.Ordinal))
                {
                    string command = paragraph.Trim();
                    bool fits = command.Length <= room;
                    if (!fits && lines.Count == 0)
                    {
                        lines.Add(""); // the caller's label stays alone on its line
                    }

                    lines.Add(fits ? Indented(command, lines.Count == 0) : command);
                    continue;
                }

                var line = new StringBuilder();
                foreach (string word in paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (line.Length > 0 && line.Length + 1 + word.Length > room)
                    {
                        lines.Add(Indented(line.ToString(), lines.Count == 0));
                        line.Clear();
                    }

                    line.Append(line.Length > 0 ? " " : "").Append(word);
                }

                lines.Add(Indented(line.ToString(), lines.Count == 0));
            }

            return string.Join("\n", lines);

            // The first line follows the caller's label; the others start at the column, or
            // further left for a word that would not fit there.
            string Indented(string line, bool first) =>
                first ? line : new string(' ', Math.Max(0, Math.Min(indent, width - line.Length))) + line;
        }

        /// <summary>
        /// A key problem (Get-EspriKey) hung as <see cref="Hang"/> does, each command it ends with on a
        /// line of its own. That view groups keys by folder, so PowerShell re-wraps its lines at the
        /// window's edge: a command wider than the window is given as continued lines (ContinuedCommand)
        /// that paste into PowerShell as the one command.
        /// </summary>
        public static string KeyProblem(string? problem, int indent, int width)
        {
            if (problem == null)
            {
                return "";
            }

            var lines = new List<string>();
            foreach (string line in KeyProblemText.WithCommandLines(problem).Split('\n'))
            {
                bool wideCommand = line.StartsWith(CommandIndent, StringComparison.Ordinal) && line.Trim().Length > width;
                lines.AddRange(wideCommand ? ContinuedCommand.Lines(line.Trim(), Math.Max(20, width - indent)).Select(part => CommandIndent + part) : new[] { line });
            }

            return Hang(string.Join("\n", lines), indent, width);
        }

        /// <summary>
        /// <paramref name="text"/> in the colour of <paramref name="style"/> (an escape sequence from
        /// $PSStyle, null on Windows PowerShell 5.1): plain when NO_COLOR is set or the output goes
        /// to a file or a pipe, where escape sequences would be garbage. PowerShell itself strips
        /// them when $PSStyle.OutputRendering is PlainText.
        /// </summary>
        public static string Paint(string text, string? style)
        {
            if (string.IsNullOrEmpty(style) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || OutputRedirected())
            {
                return text;
            }

            return style + text + "\u001b[0m";
        }

        /// <summary>A duration as a person reads it: "131 ms" under ten seconds, "12.4 s" above.</summary>
        public static string Duration(TimeSpan duration) => duration.TotalSeconds < 10
            ? Math.Round(duration.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture) + " ms"
            : duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        private static bool OutputRedirected()
        {
            try
            {
                return Console.IsOutputRedirected;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is InvalidOperationException)
            {
                return true;
            }
        }
    }
}
