using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// ssh's pattern rules (match.c): '*' any run, '?' one character. A Host line applies when one
    /// pattern matches and no '!' pattern does; Host patterns are case-sensitive against the host as
    /// typed. Match criteria and known_hosts take comma lists (match_pattern_list).
    /// </summary>
    public static class HostPatternMatcher
    {
        /// <summary>Whether a "Host p1 p2 !p3" line applies to <paramref name="host"/> (as typed on the command line; case-sensitive, as ssh).</summary>
        public static bool HostLineMatches(string host, IEnumerable<string> patterns)
        {
            bool matched = false;
            foreach (string pattern in patterns)
            {
                bool negated = pattern.StartsWith("!", StringComparison.Ordinal);
                if (Glob(host, negated ? pattern.Substring(1) : pattern))
                {
                    if (negated)
                    {
                        return false;
                    }

                    matched = true;
                }
            }

            return matched;
        }

        /// <summary>match_hostname: a "a*,!b" list, host and patterns compared in lower case; a matching negation wins.</summary>
        public static bool ListMatches(string value, string commaList) => PatternListResult(LowerAscii(value), commaList, lowerPattern: true) == 1;

        /// <summary>
        /// match_pattern_list: 1 when a pattern of the comma list matches and no negated one does, -1
        /// when a negated one matches, 0 otherwise. <paramref name="lowerPattern"/> lowers the patterns,
        /// never the value (ssh's dolower); a pattern of 1023 characters or more matches nothing.
        /// </summary>
        public static int PatternListResult(string value, string commaList, bool lowerPattern)
        {
            bool positive = false;
            int i = 0;
            while (i < commaList.Length)
            {
                bool negated = commaList[i] == '!';
                if (negated)
                {
                    i++;
                }

                int end = commaList.IndexOf(',', i);
                if (end < 0)
                {
                    end = commaList.Length;
                }

                string pattern = commaList.Substring(i, end - i);
                if (pattern.Length >= 1023)
                {
                    return 0;
                }

                if (Glob(value, lowerPattern ? LowerAscii(pattern) : pattern))
                {
                    if (negated)
                    {
                        return -1;
                    }

                    positive = true;
                }

                i = end + 1;
            }

            return positive ? 1 : 0;
        }

        /// <summary>C's tolower in the C locale: ASCII letters only.</summary>
        internal static string LowerAscii(string text)
        {
            int first = 0;
            while (first < text.Length && !(text[first] >= 'A' && text[first] <= 'Z'))
            {
                first++;
            }

            if (first == text.Length)
            {
                return text;
            }

            char[] chars = text.ToCharArray();
            for (int k = first; k < chars.Length; k++)
            {
                if (chars[k] >= 'A' && chars[k] <= 'Z')
                {
                    chars[k] = (char)(chars[k] + 32);
                }
            }

            return new string(chars);
        }

        public static bool Glob(string text, string pattern) => Glob(text, pattern, out _);

        /// <summary>
        /// '*' and '?' matching with a single resume point: once a later '*' is met, the earlier one
        /// never needs retrying (whatever it would swallow, the later star can), so the cost is at most
        /// (text + pattern + 1) x (pattern + 1) steps, never the exponential recursion of ssh's own
        /// match.c: a hostile "*a*a*a...b" costs microseconds. <paramref name="steps"/> counts them.
        /// </summary>
        internal static bool Glob(string text, string pattern, out long steps)
        {
            int t = 0, p = 0, star = -1, resume = 0;
            steps = 0;
            while (t < text.Length)
            {
                steps++;
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    resume = t;
                }
                else if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
                {
                    p++;
                    t++;
                }
                else if (star >= 0)
                {
                    // The last star swallows one more character; the pattern after it starts again.
                    p = star + 1;
                    t = ++resume;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }
    }
}
