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

        public static bool Glob(string text, string pattern) => Glob(text, 0, pattern, 0);

        private static bool Glob(string s, int si, string p, int pi)
        {
            while (pi < p.Length)
            {
                char c = p[pi];
                if (c == '*')
                {
                    while (pi < p.Length && p[pi] == '*')
                    {
                        pi++;
                    }

                    if (pi == p.Length)
                    {
                        return true;
                    }

                    for (int k = si; k <= s.Length; k++)
                    {
                        if (Glob(s, k, p, pi))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (si >= s.Length || (c != '?' && c != s[si]))
                {
                    return false;
                }

                si++;
                pi++;
            }

            return si == s.Length;
        }
    }
}
