using System;
using System.Collections.Generic;
using System.Text;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// A unified diff (as `diff -u` prints it) of two line lists: common head and tail trimmed, then a
    /// longest-common-subsequence table on what is left, hunks with <see cref="Context"/> lines around.
    /// </summary>
    public static class UnifiedDiff
    {
        public const int Context = 3;

        // Past this many table cells (a huge rewrite), the middle is shown as removed then added.
        private const long MaxTableCells = 4_000_000;

        /// <summary>The diff text ("" when the lists are equal), lines ending with "\n".</summary>
        public static string Create(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, string oldName, string newName)
        {
            List<(char Op, int Old, int New)> script = EditScript(oldLines, newLines);
            if (script.TrueForAll(e => e.Op == ' '))
            {
                return "";
            }

            var text = new StringBuilder();
            text.Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
            int i = 0;
            while (i < script.Count)
            {
                if (script[i].Op == ' ')
                {
                    i++;
                    continue;
                }

                int start = Math.Max(0, i - Context);
                int end = i;
                // Extend the hunk while the next change is within 2 * Context unchanged lines.
                while (true)
                {
                    while (end < script.Count && script[end].Op != ' ')
                    {
                        end++;
                    }

                    int next = end;
                    while (next < script.Count && script[next].Op == ' ')
                    {
                        next++;
                    }

                    if (next < script.Count && next - end <= 2 * Context)
                    {
                        end = next;
                        continue;
                    }

                    end = Math.Min(script.Count, end + Context);
                    break;
                }

                AppendHunk(text, script, start, end, oldLines, newLines);
                i = end;
            }

            return text.ToString();
        }

        private static void AppendHunk(StringBuilder text, List<(char Op, int Old, int New)> script, int start, int end,
            IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
        {
            int oldCount = 0, newCount = 0, oldStart = -1, newStart = -1;
            for (int k = start; k < end; k++)
            {
                var e = script[k];
                if (e.Op != '+')
                {
                    oldCount++;
                    oldStart = oldStart < 0 ? e.Old : oldStart;
                }

                if (e.Op != '-')
                {
                    newCount++;
                    newStart = newStart < 0 ? e.New : newStart;
                }
            }

            // diff -u numbers an empty side by the line before it.
            oldStart = oldCount == 0 ? FirstIndex(script, start, true) : oldStart + 1;
            newStart = newCount == 0 ? FirstIndex(script, start, false) : newStart + 1;
            text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            for (int k = start; k < end; k++)
            {
                var e = script[k];
                text.Append(e.Op).Append(e.Op == '+' ? newLines[e.New] : oldLines[e.Old]).Append('\n');
            }
        }

        // diff -u leaves out a count of 1.
        private static string Range(int start, int count) => count == 1 ? start.ToString(System.Globalization.CultureInfo.InvariantCulture) : start + "," + count;

        private static int FirstIndex(List<(char Op, int Old, int New)> script, int at, bool old) =>
            old ? script[at].Old : script[at].New;

        /// <summary>One entry per line: ' ' kept, '-' removed (Old index), '+' added (New index).</summary>
        private static List<(char Op, int Old, int New)> EditScript(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            int head = 0;
            while (head < a.Count && head < b.Count && a[head] == b[head])
            {
                head++;
            }

            int tail = 0;
            while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
            {
                tail++;
            }

            var script = new List<(char, int, int)>(a.Count + b.Count);
            for (int k = 0; k < head; k++)
            {
                script.Add((' ', k, k));
            }

            int n = a.Count - head - tail, m = b.Count - head - tail;
            if ((long)n * m > MaxTableCells)
            {
                for (int k = 0; k < n; k++)
                {
                    script.Add(('-', head + k, head));
                }

                for (int k = 0; k < m; k++)
                {
                    script.Add(('+', head + n, head + k));
                }
            }
            else
            {
                // lcs[x, y] = length of the LCS of a[head+x..] and b[head+y..].
                var lcs = new int[n + 1, m + 1];
                for (int x = n - 1; x >= 0; x--)
                {
                    for (int y = m - 1; y >= 0; y--)
                    {
                        lcs[x, y] = a[head + x] == b[head + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                    }
                }

                int i = 0, j = 0;
                while (i < n || j < m)
                {
                    if (i < n && j < m && a[head + i] == b[head + j])
                    {
                        script.Add((' ', head + i++, head + j++));
                    }
                    else if (i < n && (j == m || lcs[i + 1, j] >= lcs[i, j + 1]))
                    {
                        script.Add(('-', head + i++, head + j));
                    }
                    else
                    {
                        script.Add(('+', head + i, head + j++));
                    }
                }
            }

            for (int k = tail; k > 0; k--)
            {
                script.Add((' ', a.Count - k, b.Count - k));
            }

            return script;
        }
    }
}
