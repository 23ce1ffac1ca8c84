using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The report's findings, bounded: at most a few of each kind, then one that counts the rest. A
    /// folder of thousands of junk key files makes one finding each; the report and its object must
    /// stay readable (and small) all the same.
    /// </summary>
    internal static class FindingList
    {
        public const int PerCode = 5;

        public static List<Finding> Bounded(IEnumerable<Finding> findings)
        {
            var kept = new List<Finding>();
            var all = new Dictionary<string, List<Finding>>();
            foreach (Finding finding in findings)
            {
                if (!all.TryGetValue(finding.Code, out List<Finding>? same))
                {
                    all[finding.Code] = same = new List<Finding>();
                }

                same.Add(finding);
                if (same.Count <= PerCode)
                {
                    kept.Add(finding);
                }
            }

            foreach (KeyValuePair<string, List<Finding>> code in all.Where(c => c.Value.Count > PerCode))
            {
                kept.Add(new Finding(code.Key, code.Value[0].Severity,
                    $"{code.Value.Count - PerCode} more findings like the first {PerCode} of code {code.Key} are not listed ({code.Value.Count} in all).",
                    "Fix the ones listed first; the sections of the report name the rest."));
            }

            return kept;
        }
    }
}
