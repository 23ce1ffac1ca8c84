using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The host names a config lets a user type (the "Host" lines' names, Includes followed, in
    /// file order): what `ssh &lt;Tab&gt;` offers in bash. Patterns (*, ?) and negations are not
    /// names and are left out. A file that cannot be read gives what was read so far: completion
    /// must never fail.
    /// </summary>
    public static class SshConfigHostAliases
    {
        private const int MaxIncludeDepth = 16;

        public static IReadOnlyList<string> Read(string configPath, string home)
        {
            var aliases = new List<string>();
            Collect(configPath, home, 0, aliases);
            return aliases.Distinct(StringComparer.Ordinal).ToList();
        }

        private static void Collect(string path, string home, int depth, List<string> aliases)
        {
            SshConfigDocument? document;
            try
            {
                document = SshConfigDocument.Load(path);
            }
            catch (Errors.EspriException)
            {
                return;
            }

            foreach (SshConfigLine line in document?.Lines ?? Enumerable.Empty<SshConfigLine>())
            {
                if (line.Is("Host"))
                {
                    aliases.AddRange(line.Arguments.Where(a => a.IndexOfAny(new[] { '*', '?', '!' }) < 0));
                }
                else if (line.Is("Include") && depth < MaxIncludeDepth)
                {
                    foreach (string included in SshConfigIncludes.Expand(line, home))
                    {
                        Collect(included, home, depth + 1, aliases);
                    }
                }
            }
        }
    }
}
