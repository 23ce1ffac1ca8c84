using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EspriSsh.Core.Site;

namespace EspriSsh.Completion
{
    /// <summary>Tab on -HeadNode: the site profile's head nodes (spirit1, spirit2, spiritx1, spiritx2, hal).</summary>
    public sealed class HeadNodeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Suggestions.Matching(wordToComplete, () => SiteProfileLoader.FromEnvironment().HeadNodes.Select(h => (h.Alias, $"{h.HostName}: {h.Description ?? h.Role.ToString()}")));
    }
}
