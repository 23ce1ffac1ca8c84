using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EspriSsh.Core.Config;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;

namespace EspriSsh.Completion
{
    /// <summary>
    /// Tab on a host: the site's hosts (spirit1, jean-zay...), then the Host aliases of the ssh config
    /// the command would read (-ConfigPath, else the config of -SshDirectory or of ~/.ssh).
    /// </summary>
    public sealed class HostNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) => Suggestions.Matching(wordToComplete, () =>
        {
            IEnumerable<(string, string)> site = SiteProfileLoader.FromEnvironment().Hosts.Select(h => (h.Alias, $"{h.HostName}: {h.Description ?? h.Role.ToString()}"));
            string config = ConfigPath(fakeBoundParameters);
            IEnumerable<(string, string)> fromConfig = SshConfigHostAliases.Read(config, HostPlatform.HomeDirectory).Select(a => (a, "Host " + a + " in " + config));
            return site.Concat(fromConfig);
        });

        private static string ConfigPath(IDictionary bound)
        {
            if (bound["ConfigPath"] is string configPath)
            {
                return Path.GetFullPath(SshDirectory.ExpandHome(configPath));
            }

            string? directory = bound["SshDirectory"] is string given ? SshDirectory.ExpandHome(given) : null;
            return SshDirectory.ConfigFile(SshDirectory.Resolve(directory));
        }
    }
}
