using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// ssh's pattern rules (match.c): '*' any run, '?' one character. A Host line applies when one
    /// pattern matches and no '!' pattern does; Host patterns are case-sensitive against the host as
    /// typed. Match criteria take comma lists compared case-insensitively.
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

        /// <summary>match_pattern_list: "a*,!b" style lists; a matching negation wins.</summary>
        public static bool ListMatches(string value, string commaList)
        {
            string lowered = value.ToLowerInvariant();
            bool matched = false;
            foreach (string item in commaList.Split(','))
            {
                bool negated = item.StartsWith("!", StringComparison.Ordinal);
                if (Glob(lowered, (negated ? item.Substring(1) : item).ToLowerInvariant()))
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
