using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// A key problem as Get-EspriKey states it ends with the commands that fix it: "...: chmod 600
    /// 'path' (or: Repair-EspriKeyPermission -Path 'path')". Views and the report show each such
    /// command on a line of its own, indented by four spaces (the views' convention for a command to
    /// copy), so that no width ever cuts one; the problem's words stay a sentence.
    /// </summary>
    public static class KeyProblemText
    {
        private const string Alternative = " (or: ";

        private static readonly string[] CommandStarts = { "ssh-keygen ", "Install-EspriKey ", "New-EspriKey", "Repair-EspriKeyPermission ", "chmod ", "icacls ", "Copy-Item ", "openssl " };

        /// <summary>The words before the commands ("mode 0644 lets other users read it; ... Fix"); the whole problem when it names no command.</summary>
        public static string Words(string problem)
        {
            int at = CommandStart(problem);
            if (at < 0)
            {
                return problem;
            }

            string words = problem.Substring(0, at).TrimEnd(' ', ':');
            return (words.EndsWith(" (or", StringComparison.Ordinal) ? words.Substring(0, words.Length - 4) : words).TrimEnd(' ', ':');
        }

        /// <summary>The commands the problem ends with, the first one first; empty when it names none.</summary>
        public static IReadOnlyList<string> Commands(string problem)
        {
            int at = CommandStart(problem);
            if (at < 0)
            {
                return new string[0];
            }

            // A sentence's final full stop is no part of a command.
            string[] parts = problem.Substring(at).TrimEnd().TrimEnd('.').Split(new[] { Alternative }, StringSplitOptions.None);
            return parts.Select(part => StripClosing(part.Trim())).Where(c => c.Length > 0).ToArray();
        }

        /// <summary>The problem with each of its commands on a line of its own ("\n    command"), alternatives after "or:".</summary>
        public static string WithCommandLines(string problem)
        {
            IReadOnlyList<string> commands = Commands(problem);
            return commands.Count == 0 ? problem
                : Words(problem) + ":" + string.Concat(commands.Select((c, i) => (i == 0 ? "" : "\nor:") + "\n    " + c));
        }

        // An "(or: ...)" closes with the parenthesis that opened it: taken off only when it has no partner in the command.
        private static string StripClosing(string part) =>
            part.EndsWith(")", StringComparison.Ordinal) && part.Count(c => c == ')') > part.Count(c => c == '(') ? part.Substring(0, part.Length - 1).TrimEnd() : part;

        /// <summary>Where the first command starts (after its ": "); -1 when the problem names none.</summary>
        private static int CommandStart(string problem)
        {
            int[] starts = CommandStarts.Select(start => problem.IndexOf(": " + start, StringComparison.Ordinal)).Where(i => i >= 0).ToArray();
            return starts.Length == 0 ? -1 : starts.Min() + 2;
        }
    }
}
