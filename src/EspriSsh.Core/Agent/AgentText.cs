using System.Globalization;
using System.Text;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Text an agent supplies (key comments, key type names) is untrusted: a comment can hold escape
    /// sequences that repaint the terminal or reorder a line. Everything an agent says passes through
    /// here before it is shown or written to the report. The one place to switch to a shared sanitizer.
    /// </summary>
    internal static class AgentText
    {
        /// <summary>Longer text is cut: a comment is a name, not a document.</summary>
        public const int MaxLength = 200;

        /// <summary>Control and bidirectional-override characters as \xNN or \uNNNN; cut after <see cref="MaxLength"/>.</summary>
        public static string Shown(string text)
        {
            var shown = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (shown.Length >= MaxLength)
                {
                    return shown.Append("...").ToString();
                }

                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
                {
                    shown.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                }
                else if (IsInvisibleFormat(c))
                {
                    shown.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    shown.Append(c);
                }
            }

            return shown.ToString();
        }

        // Bidirectional embeddings, overrides and isolates, and the line/paragraph separators.
        private static bool IsInvisibleFormat(char c) =>
            (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f';
    }
}
