using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EspriSsh.Completion
{
    /// <summary>What the completers share: filtering by what is typed, and never failing (a bad profile or config offers nothing).</summary>
    internal static class Suggestions
    {
        public static IEnumerable<CompletionResult> Matching(string wordToComplete, Func<IEnumerable<(string Name, string ToolTip)>> candidates)
        {
            string typed = (wordToComplete ?? "").Trim('\'', '"');
            List<(string Name, string ToolTip)> all;
            try
            {
                all = candidates().ToList();
            }
            catch (Exception ex) when (ex is Core.Errors.EspriException || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return all
                .Where(c => c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionResult(g.Key, g.Key, CompletionResultType.ParameterValue, g.First().ToolTip))
                .ToList();
        }
    }
}
