using System;
using System.Collections.Generic;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// readconf.c's match_cfg_line: the criteria are read with strdelim (so "host=b" is "host b"),
    /// "all" stands alone, canonical and final hold in the final pass only (a "final" anywhere asks
    /// for one), host/originalhost compare without case (match_hostname), user/localuser with it, and exec runs its
    /// command (after %-tokens) only when the criteria before it held. Every criterion is read, so a
    /// bad one refuses the config even when an earlier one failed.
    /// </summary>
    internal static class SshMatchEvaluator
    {
        /// <summary>The verdict: -1 for a bad Match line (problems say why), 0 or 1 otherwise.</summary>
        public static int Evaluate(string condition, SshMatchContext context, SshConfigLocation location, List<SshConfigProblem> problems,
            out bool wantsFinalPass, out bool notJudged, out bool leftOver)
        {
            wantsFinalPass = notJudged = leftOver = false;
            var cursor = new StrDelim(condition);
            int result = 1, attributes = 0;
            string? attribute;
            while ((attribute = cursor.Next()) != null && attribute.Length > 0)
            {
                if (attribute[0] == '#')
                {
                    cursor.Consume();
                    break;
                }

                bool negate = attribute[0] == '!';
                string written = negate ? attribute.Substring(1) : attribute;
                string name = written.ToLowerInvariant();
                if (name == "all")
                {
                    string? extra = cursor.Next();
                    if (attributes > 1 || (extra != null && extra.Length > 0 && extra[0] != '#'))
                    {
                        problems.Add(new SshConfigProblem(location, $"'{attribute}' cannot be combined with other Match attributes"));
                        return -1;
                    }

                    if (extra != null && extra.Length > 0)
                    {
                        cursor.Consume();
                    }

                    result = result != 0 ? (negate ? 0 : 1) : 0;
                    leftOver = !cursor.AtEnd;
                    return result;
                }

                attributes++;
                if (name == "canonical" || name == "final")
                {
                    wantsFinalPass |= name == "final";
                    if (context.FinalPass == negate)
                    {
                        result = 0;
                    }

                    continue;
                }

                string? arg = cursor.Next();
                if (arg == null || arg.Length == 0 || arg[0] == '#')
                {
                    problems.Add(new SshConfigProblem(null, "Missing Match criteria for " + written));
                    return -1;
                }

                bool? matched;
                switch (name)
                {
                    case "host":
                        matched = HostPatternMatcher.ListMatches(context.Host, arg);
                        break;
                    case "originalhost":
                        matched = HostPatternMatcher.ListMatches(context.OriginalHost, arg);
                        break;
                    case "user":
                        matched = HostPatternMatcher.PatternListResult(context.RemoteUser, arg, lowerPattern: false) == 1;
                        break;
                    case "localuser":
                        matched = HostPatternMatcher.PatternListResult(context.LocalUser, arg, lowerPattern: false) == 1;
                        break;
                    case "exec":
                        if (!Exec(arg, context, location, problems, result == 1, out matched))
                        {
                            return -1;
                        }

                        if (result != 1)
                        {
                            continue; // not run: an earlier criterion already failed
                        }

                        if (matched == null)
                        {
                            notJudged = true;
                            result = 0;
                            continue;
                        }

                        break;
                    default:
                        problems.Add(new SshConfigProblem(null, "Unsupported Match attribute " + written));
                        return -1;
                }

                if (matched == negate)
                {
                    result = 0;
                }
            }

            if (attributes == 0)
            {
                problems.Add(new SshConfigProblem(null, "One or more attributes required for Match"));
                return -1;
            }

            leftOver = !cursor.AtEnd;
            return result;
        }

        /// <summary>Expands the command's tokens (an unknown one stops ssh) and runs it when <paramref name="run"/>.</summary>
        private static bool Exec(string command, SshMatchContext context, SshConfigLocation location, List<SshConfigProblem> problems, bool run, out bool? matched)
        {
            matched = null;
            string port = context.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var tokens = new Dictionary<char, string>
            {
                ['C'] = context.Facts.ConnectionHash(context.Host, context.Port, context.RemoteUser),
                ['L'] = context.Facts.ShortHost,
                ['d'] = context.Home,
                ['h'] = context.Host,
                ['k'] = context.HostKeyAlias ?? context.Host,
                ['l'] = context.Facts.ThisHost,
                ['n'] = context.OriginalHost,
                ['p'] = port,
                ['r'] = context.RemoteUser,
                ['u'] = context.LocalUser,
                ['i'] = context.Facts.UserId,
            };
            string? expanded = new SshExpansion(_ => null).Percent(command, tokens, out string? problem);
            if (expanded == null)
            {
                problems.Add(new SshConfigProblem(null, "percent_expand: " + problem));
                return false;
            }

            if (!run || context.Exec == null)
            {
                return true;
            }

            int? status = context.Exec(expanded);
            if (status == -1)
            {
                problems.Add(new SshConfigProblem(location, $"match exec '{(expanded.Length > 100 ? expanded.Substring(0, 100) : expanded)}' error"));
                return false;
            }

            matched = status == null ? (bool?)null : status == 0;
            return true;
        }

        /// <summary>misc.c's strdelim: splits on blanks or one '=', a double-quoted word kept whole.</summary>
        private sealed class StrDelim
        {
            private const string Whitespace = " \t\r\n";
            private readonly string text;
            private int position;

            public StrDelim(string text)
            {
                this.text = text;
                position = 0;
            }

            public bool AtEnd => position < 0 || position >= text.Length;

            public void Consume() => position = -1;

            /// <summary>The next word; "" for an empty one; null at the end or for an unclosed quote.</summary>
            public string? Next()
            {
                if (position < 0)
                {
                    return null;
                }

                int start = position;
                int delimiter = IndexOfAny(text, start, Whitespace + "\"=");
                if (delimiter < 0)
                {
                    position = -1;
                    return text.Substring(start);
                }

                if (text[delimiter] == '"')
                {
                    int close = text.IndexOf('"', delimiter + 1);
                    if (close < 0)
                    {
                        position = -1;
                        return null;
                    }

                    string word = text.Substring(start, delimiter - start) + text.Substring(delimiter + 1, close - delimiter - 1);
                    position = SkipBlanks(close + 1);
                    return word;
                }

                bool sawEquals = text[delimiter] == '=';
                string token = text.Substring(start, delimiter - start);
                position = SkipBlanks(delimiter + 1);
                if (!sawEquals && position < text.Length && text[position] == '=')
                {
                    position = SkipBlanks(position + 1);
                }

                return token;
            }

            private int SkipBlanks(int from)
            {
                while (from < text.Length && Whitespace.IndexOf(text[from]) >= 0)
                {
                    from++;
                }

                return from;
            }

            private static int IndexOfAny(string s, int from, string chars)
            {
                for (int i = from; i < s.Length; i++)
                {
                    if (chars.IndexOf(s[i]) >= 0)
                    {
                        return i;
                    }
                }

                return -1;
            }
        }
    }
}
