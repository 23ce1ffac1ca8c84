using System.Collections.Generic;
using System.Text;

namespace EspriSsh.Core.Display
{
    /// <summary>
    /// A command too wide for the window, as lines PowerShell reads back as the same command: broken
    /// between its words (never inside quotes or parentheses), every line but the last ending with
    /// " `", PowerShell's line continuation. For the views PowerShell itself re-wraps at the window's
    /// edge (a grouped view cannot be OutOfBand): a command cut there pastes as two broken ones.
    /// </summary>
    public static class ContinuedCommand
    {
        private const string Continuation = " `";

        /// <summary>
        /// The lines of <paramref name="command"/>: the command itself when it fits in
        /// <paramref name="room"/> columns, else lines of at most that width (a single word longer
        /// than that is a line of its own).
        /// </summary>
        public static IReadOnlyList<string> Lines(string command, int room)
        {
            if (command.Length <= room)
            {
                return new[] { command };
            }

            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (string word in Words(command))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length + Continuation.Length > room)
                {
                    lines.Add(line.Append(Continuation).ToString());
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : "").Append(word);
            }

            lines.Add(line.ToString());
            return lines;
        }

        /// <summary>The command split at the blanks that separate its words: a quoted text or a (sub-expression) is one word.</summary>
        private static IEnumerable<string> Words(string command)
        {
            var word = new StringBuilder();
            char quote = '\0';
            int depth = 0;
            foreach (char c in command)
            {
                if (quote == '\0' && depth == 0 && c == ' ')
                {
                    if (word.Length > 0)
                    {
                        yield return word.ToString();
                        word.Clear();
                    }

                    continue;
                }

                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c == '\'' || c == '"')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')' && depth > 0)
                {
                    depth--;
                }

                word.Append(c);
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
            }
        }
    }
}
