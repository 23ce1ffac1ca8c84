using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The check after an edit: the edited config is read as ssh would for each alias, and every value
    /// ssh would use instead of the site's (a line read first, a global line, another block) becomes a
    /// <see cref="ConfigOverride"/> naming that line and what it does.
    /// </summary>
    internal static class SshConfigVerifier
    {
        /// <summary>The overrides of every block; none means ssh resolves each alias to exactly what the site needs.</summary>
        public static List<ConfigOverride> Verify(SshConfigDocument updated, IEnumerable<DesiredHostBlock> blocks, SshConfigReadings readings)
        {
            var overrides = new List<ConfigOverride>();
            foreach (DesiredHostBlock block in blocks)
            {
                ResolvedHostConfig? resolved = readings.Read(updated, block.Alias).Settings;
                if (resolved != null)
                {
                    overrides.AddRange(SshConfigOverrides.Find(block, resolved, location => LineText(updated, location)));
                }
            }

            return overrides;
        }

        /// <summary>The text of a line of the edited document or of an included file.</summary>
        internal static string LineText(SshConfigDocument document, SshConfigLocation location)
        {
            if (location.File == (document.Path ?? "(config)"))
            {
                return location.Line <= document.Lines.Count ? document.Lines[location.Line - 1].Text.Trim() : "";
            }

            IReadOnlyList<SshConfigLine>? lines = SshConfigDocument.Load(location.File)?.Lines;
            return lines != null && location.Line <= lines.Count ? lines[location.Line - 1].Text.Trim() : "";
        }
    }
}
