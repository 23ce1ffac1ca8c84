using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The check after an edit: the edited config is resolved as ssh would for each alias, and every
    /// value ssh would not use (an earlier line wins) becomes a warning naming the line that wins.
    /// </summary>
    internal static class SshConfigVerifier
    {
        /// <summary>True when ssh resolves every block's alias to exactly the block's values.</summary>
        public static bool Verify(SshConfigDocument updated, IEnumerable<DesiredHostBlock> blocks, List<string> warnings, SshResolveOptions options)
        {
            bool satisfied = true;
            foreach (DesiredHostBlock block in blocks)
            {
                ResolvedHostConfig resolved = SshConfigResolver.Resolve(updated, block.Alias, options);
                foreach (var (keyword, value) in block.Settings)
                {
                    string? actual = keyword == "IdentityFile"
                        ? (resolved.IdentityFiles.Contains(value) ? value : string.Join(", ", resolved.IdentityFiles))
                        : resolved.Get(keyword);
                    if (actual == null || !DesiredHostBlock.SameValue(keyword, actual, value))
                    {
                        satisfied = false;
                        SshConfigLocation? source = resolved.SourceOf(keyword);
                        warnings.Add($"ssh will use {keyword} '{actual ?? "(default)"}' for {block.Alias}, not '{value}'" +
                            (source != null ? $": {source} sets it first. Move or remove that line (EspriSsh leaves other settings alone)." : "."));
                    }
                }
            }

            return satisfied;
        }
    }
}
