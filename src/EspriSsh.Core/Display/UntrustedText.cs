using System.Text;

namespace EspriSsh.Core.Display
{
    /// <summary>
    /// The one place that turns text EspriSsh did not write (a key comment, a certificate's key ID, an
    /// agent's answer, a server's banner, a profile field, a file name) into text that may be shown:
    /// on the screen, in the report, in an error message, on the clipboard. A terminal obeys what it is
    /// sent: ESC and CSI sequences clear the screen or set the window title, CR and LF forge lines,
    /// bidi overrides (U+202E...) show text in another order than it is. Each such character is shown
    /// as an escape instead (\x1b, \r, \u202e), so the text stays readable and tells what was there.
    /// </summary>
    public static class UntrustedText
    {
        /// <summary>
        /// One field as a single displayable line: every control character (C0 with tab, CR and LF,
        /// DEL, C1), every bidi control and the Unicode line and paragraph separators escaped.
        /// Null gives "".
        /// </summary>
        public static string Escape(string? text) => EscapeWhere(text, keepLines: false);

        /// <summary>
        /// A whole text EspriSsh composed (a message, a report) that may have taken in untrusted
        /// parts: escaped as <see cref="Escape"/>, except the line feeds and tabs that lay it out
        /// (CR LF becomes LF). The last guard on the way to a screen or a file; an untrusted field
        /// must still be escaped where it enters, or its own line feeds would forge lines.
        /// </summary>
        public static string EscapeKeepingLines(string? text) => EscapeWhere(text?.Replace("\r\n", "\n"), keepLines: true);

        /// <summary>
        /// A file name or other value EspriSsh did not choose, quoted for a sentence ('...') and escaped:
        /// a name with a line feed or ESC in it (Unix allows both) would otherwise start a line of its
        /// own in a checklist or a report, or drive the terminal.
        /// </summary>
        public static string Quoted(string? text) => "'" + Escape(text) + "'";

        /// <summary>
        /// A value as a PowerShell single-quoted argument of a command shown to be copied: escaped to one
        /// line, and each character PowerShell reads as a single quote (' and the typographic ones)
        /// doubled, so a file name cannot end the argument and add a command of its own.
        /// </summary>
        public static string QuotedArgument(string? text)
        {
            var quoted = new StringBuilder("'");
            foreach (char c in Escape(text))
            {
                quoted.Append(c);
                if (c == '\'' || (c >= '\u2018' && c <= '\u201B'))
                {
                    quoted.Append(c);
                }
            }

            return quoted.Append('\'').ToString();
        }

        /// <summary>True when <paramref name="text"/> holds nothing <see cref="Escape"/> would change.</summary>
        public static bool IsSafe(string? text) => text == null || IndexOfUnsafe(text, keepLines: false) < 0;

        /// <summary>The distinct unsafe characters of <paramref name="text"/>, escaped and listed ("\x1b, \u202e"); "" when there is none.</summary>
        public static string UnsafeCharacters(string? text)
        {
            var seen = new StringBuilder();
            var list = new StringBuilder();
            for (int i = 0; text != null && i < text.Length; i++)
            {
                if (IsUnsafe(text, i, keepLines: false) && seen.ToString().IndexOf(text[i]) < 0)
                {
                    seen.Append(text[i]);
                    list.Append(list.Length > 0 ? ", " : "").Append(EscapeOne(text[i]));
                }
            }

            return list.ToString();
        }

        private static string EscapeWhere(string? text, bool keepLines)
        {
            if (text == null)
            {
                return "";
            }

            int first = IndexOfUnsafe(text, keepLines);
            if (first < 0)
            {
                return text;
            }

            var safe = new StringBuilder(text.Length + 16).Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                if (IsUnsafe(text, i, keepLines))
                {
                    safe.Append(EscapeOne(text[i]));
                }
                else
                {
                    safe.Append(text[i]);
                }
            }

            return safe.ToString();
        }

        private static int IndexOfUnsafe(string text, bool keepLines)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (IsUnsafe(text, i, keepLines))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsUnsafe(string text, int index, bool keepLines)
        {
            char c = text[index];
            if (c < 0x20)
            {
                return !(keepLines && (c == '\n' || c == '\t'));
            }

            if (char.IsHighSurrogate(c))
            {
                return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]); // a lone half cannot be encoded
            }

            if (char.IsLowSurrogate(c))
            {
                return index == 0 || !char.IsHighSurrogate(text[index - 1]);
            }

            return (c >= 0x7F && c <= 0x9F) // DEL and C1 (0x9B is an 8-bit CSI)
                || (c >= '\u202A' && c <= '\u202E') // LRE, RLE, PDF, LRO, RLO
                || (c >= '\u2066' && c <= '\u2069') // LRI, RLI, FSI, PDI
                || c == '\u200E' || c == '\u200F' || c == '\u061C' // LRM, RLM, ALM
                || c == '\u2028' || c == '\u2029'; // line and paragraph separators
        }

        private static string EscapeOne(char c) => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => c <= 0xFF ? "\\x" + ((int)c).ToString("x2") : "\\u" + ((int)c).ToString("x4"),
        };
    }
}
