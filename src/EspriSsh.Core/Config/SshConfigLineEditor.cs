using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Edits the lines of a config in place, keeping every other byte: an existing Host block gets
    /// only the keys we own changed, added or commented out; a block ssh would read after a Host or
    /// Match that shadows it moves above that section; a new block goes before the first section that
    /// could shadow it, in the file's own indentation and line endings.
    /// </summary>
    internal sealed class SshConfigLineEditor
    {
        private readonly List<SshConfigLine> lines;
        private readonly List<SshConfigLine> original;
        private readonly string newLine;

        public SshConfigLineEditor(IEnumerable<SshConfigLine> lines, string newLine)
        {
            this.lines = lines.ToList();
            original = this.lines.ToList();
            this.newLine = newLine;
        }

        public IReadOnlyList<SshConfigLine> Lines => lines;

        /// <summary>Puts the block in the file; a moved block is said in <paramref name="warnings"/>.</summary>
        public void Place(DesiredHostBlock block, string configPath, List<string> warnings)
        {
            int existing = lines.FindIndex(l => l.Is("Host") && l.Arguments.Count == 1 && l.Arguments[0] == block.Alias);
            if (existing < 0)
            {
                Insert(block);
                return;
            }

            int shadow = FirstShadowingSection(block.Alias);
            if (shadow >= 0 && shadow < existing)
            {
                // Pasted after a Host * or Match: ssh reads that first, so the block moves (whole) above it.
                // Named as the user's file numbers it: earlier blocks may already have moved lines here.
                int userLine = original.IndexOf(lines[shadow]) + 1;
                existing = MoveBlock(existing, AttachPoint(shadow));
                warnings.Add($"Host {block.Alias} came after a section ssh reads first ({configPath} line {userLine}), so its values were ignored; the block was moved above it.");
            }

            UpdateInPlace(existing, block);
        }

        /// <summary>Turns a line into a comment, its indentation kept, with <paramref name="mark"/> after it.</summary>
        public void CommentOut(int index, string mark = "")
        {
            SshConfigLine line = lines[index];
            int lead = line.Text.Length - line.Text.TrimStart().Length;
            lines[index] = SshConfigLine.Parse(line.Text.Substring(0, lead) + "# " + line.Text.Substring(lead) + mark, line.LineEnding);
        }

        private void UpdateInPlace(int hostLine, DesiredHostBlock block)
        {
            string indent = IndentOf(hostLine + 1, SectionEnd(hostLine));
            foreach (var (keyword, value) in block.Settings)
            {
                int end = SectionEnd(hostLine);
                List<int> matching = Enumerable.Range(hostLine + 1, end - hostLine - 1).Where(i => lines[i].Is(keyword)).ToList();
                // ssh tries every IdentityFile: one listing the key is enough; otherwise ours (the first) changes.
                bool keyListed = keyword == "IdentityFile" && matching.Any(i => lines[i].Arguments.FirstOrDefault() == value);
                if (matching.Count == 0)
                {
                    lines.Insert(LastDirective(hostLine, end) + 1, NewSetting(indent, keyword, value));
                }
                else if (!keyListed && !DesiredHostBlock.SameValue(keyword, CurrentValue(lines[matching[0]]), value))
                {
                    lines[matching[0]] = lines[matching[0]].WithValue(Written(keyword, value));
                }
            }

            if (block.Retired != null)
            {
                for (int i = hostLine + 1; i < SectionEnd(hostLine); i++)
                {
                    if (lines[i].Is(block.Retired))
                    {
                        CommentOut(i);
                    }
                }
            }
        }

        private void Insert(DesiredHostBlock block)
        {
            int shadow = FirstShadowingSection(block.Alias);
            int at = shadow < 0 ? lines.Count : AttachPoint(shadow);
            string indent = IndentOf(0, lines.Count);
            var added = new List<SshConfigLine> { SshConfigLine.Parse("Host " + block.Alias, newLine) };
            added.AddRange(block.Settings.Select(s => NewSetting(indent, s.Keyword, s.Value)));
            PlaceSection(at, added);
        }

        /// <summary>The first section ssh would read before ours for this alias: a Host that matches it, or any Match (judged conservatively).</summary>
        private int FirstShadowingSection(string alias) =>
            lines.FindIndex(l => (l.Is("Host") && HostPatternMatcher.HostLineMatches(alias, l.Arguments)) || l.Is("Match"));

        /// <summary>Where to put a section that must come before <paramref name="section"/>: above the comment written just over it.</summary>
        private int AttachPoint(int section)
        {
            int at = section;
            while (at > 0 && lines[at - 1].Kind == SshConfigLineKind.Comment && lines[at - 1].Text.StartsWith("#", StringComparison.Ordinal))
            {
                at--;
            }

            return at;
        }

        /// <summary>Moves an existing Host block (its lines up to its last setting) to <paramref name="at"/>; returns its new index.</summary>
        private int MoveBlock(int start, int at)
        {
            int count = LastDirective(start, SectionEnd(start)) - start + 1;
            List<SshConfigLine> moved = lines.GetRange(start, count);
            lines.RemoveRange(start, count);
            if (start > 0 && start < lines.Count && lines[start - 1].Kind == SshConfigLineKind.Blank && lines[start].Kind == SshConfigLineKind.Blank)
            {
                lines.RemoveAt(start);
            }

            if (moved[moved.Count - 1].LineEnding.Length == 0)
            {
                moved[moved.Count - 1] = moved[moved.Count - 1].WithLineEnding(newLine);
            }

            return PlaceSection(at, moved);
        }

        /// <summary>Inserts section lines at <paramref name="at"/> with a blank line on each side; returns the index of its first line.</summary>
        private int PlaceSection(int at, List<SshConfigLine> section)
        {
            if (at == lines.Count && at > 0 && lines[at - 1].LineEnding.Length == 0)
            {
                lines[at - 1] = lines[at - 1].WithLineEnding(newLine);
            }

            var added = new List<SshConfigLine>();
            bool blankBefore = at > 0 && lines[at - 1].Kind != SshConfigLineKind.Blank;
            if (blankBefore)
            {
                added.Add(SshConfigLine.Parse("", newLine));
            }

            added.AddRange(section);
            if (at < lines.Count)
            {
                added.Add(SshConfigLine.Parse("", newLine));
            }

            lines.InsertRange(at, added);
            return blankBefore ? at + 1 : at;
        }

        private static string CurrentValue(SshConfigLine line) =>
            line.Is("ProxyCommand") ? line.RawValue : string.Join(" ", line.Arguments);

        private static string Written(string keyword, string value) =>
            keyword == "ProxyCommand" ? value : SshConfigLineParser.Quote(value);

        private SshConfigLine NewSetting(string indent, string keyword, string value) =>
            SshConfigLine.Parse(indent + keyword + " " + Written(keyword, value), newLine);

        private int SectionEnd(int sectionStart)
        {
            int i = sectionStart + 1;
            while (i < lines.Count && !lines[i].StartsSection)
            {
                i++;
            }

            return i;
        }

        private int LastDirective(int hostLine, int end)
        {
            int last = hostLine;
            for (int i = hostLine + 1; i < end; i++)
            {
                if (lines[i].IsDirective)
                {
                    last = i;
                }
            }

            return last;
        }

        /// <summary>The indentation the file already uses for settings inside a Host block (four spaces by default).</summary>
        private string IndentOf(int from, int to)
        {
            bool inSection = false;
            for (int i = 0; i < lines.Count; i++)
            {
                inSection |= lines[i].StartsSection;
                if (i >= from && i < to && inSection && lines[i].IsDirective && !lines[i].StartsSection)
                {
                    string indent = lines[i].Text.Substring(0, lines[i].Text.Length - lines[i].Text.TrimStart().Length);
                    if (indent.Length > 0)
                    {
                        return indent;
                    }
                }
            }

            return "    ";
        }
    }
}
