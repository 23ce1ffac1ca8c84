using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// One line of an ssh_config file exactly as written (Text, without its line ending, plus
    /// LineEnding) and what ssh reads from it (Keyword, Arguments, RawValue). Writing Text + LineEnding
    /// back gives the original bytes.
    /// </summary>
    public sealed class SshConfigLine
    {
        private static readonly string[] NoArguments = new string[0];

        // What readconf.c skips before a value it takes whole (WHITESPACE "="); one array, not one per call.
        private static readonly char[] WholeValueLead = { ' ', '\t', '\r', '\n', '=' };

        private string? lowerKeyword;

        private SshConfigLine(string text, string lineEnding)
        {
            Text = text;
            LineEnding = lineEnding;
            Arguments = NoArguments;
            RawValue = "";
        }

        public string Text { get; }

        /// <summary>"\n", "\r\n", or "" for a last line without one.</summary>
        public string LineEnding { get; }

        public SshConfigLineKind Kind { get; private set; }

        /// <summary>The keyword as written (ssh compares it case-insensitively); null unless a directive.</summary>
        public string? Keyword { get; private set; }

        /// <summary>The keyword as ssh compares it (ASCII lower case); null unless a directive. Kept: a config is read once per alias and per check.</summary>
        internal string? LowerKeyword => Keyword == null ? null : lowerKeyword ??= HostPatternMatcher.LowerAscii(Keyword);

        /// <summary>The arguments as ssh splits them: quotes removed, a trailing '#' comment dropped.</summary>
        public IReadOnlyList<string> Arguments { get; private set; }

        /// <summary>Everything after the keyword and its separator, trailing blanks removed (what ProxyCommand takes).</summary>
        public string RawValue { get; private set; }

        /// <summary>The value as ssh takes it whole (ProxyCommand, Match, the check for a missing argument): <see cref="RawValue"/> without the blanks and '=' before it.</summary>
        public string WholeValue => RawValue.TrimStart(WholeValueLead);

        /// <summary>Where the value starts in <see cref="Text"/> (after "Key ", "Key=" or "Key = ").</summary>
        public int ValueStart { get; private set; }

        public bool IsDirective => Kind == SshConfigLineKind.Directive;

        /// <summary>True for a directive with this keyword (case-insensitive).</summary>
        public bool Is(string keyword) => Keyword != null && string.Equals(Keyword, keyword, StringComparison.OrdinalIgnoreCase);

        /// <summary>True for the lines that start a section: Host and Match.</summary>
        public bool StartsSection => Is("Host") || Is("Match");

        public static SshConfigLine Parse(string text, string lineEnding)
        {
            var line = new SshConfigLine(text, lineEnding);
            SshConfigLineParser.Fill(line, text);
            return line;
        }

        internal void SetBlank(bool comment) => Kind = comment ? SshConfigLineKind.Comment : SshConfigLineKind.Blank;

        internal void SetDirective(string keyword, int valueStart, string rawValue, IReadOnlyList<string>? arguments)
        {
            Kind = arguments == null ? SshConfigLineKind.Invalid : SshConfigLineKind.Directive;
            Keyword = keyword;
            lowerKeyword = null;
            ValueStart = valueStart;
            RawValue = rawValue;
            Arguments = arguments ?? NoArguments;
        }

        /// <summary>The same line with another value: indentation, keyword and separator kept as written.</summary>
        public SshConfigLine WithValue(string value) => Parse(Text.Substring(0, ValueStart) + value, LineEnding);

        public SshConfigLine WithLineEnding(string lineEnding) => Parse(Text, lineEnding);

        public override string ToString() => Text;
    }
}
