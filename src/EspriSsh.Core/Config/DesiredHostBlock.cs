using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>One Host block as the site wants it in the user's config: its alias and the settings we own.</summary>
    internal sealed class DesiredHostBlock
    {
        public DesiredHostBlock(string alias) => Alias = alias;

        public string Alias { get; }

        public List<(string Keyword, string Value)> Settings { get; } = new List<(string, string)>();

        /// <summary>The other jump form, commented out when found in our block (ssh would use whichever comes first).</summary>
        public string? Retired { get; set; }

        /// <summary>ssh compares these keywords' values without case; the others exactly.</summary>
        public static bool SameValue(string keyword, string actual, string wanted) =>
            string.Equals(actual, wanted, keyword == "HostName" || keyword == "IdentitiesOnly" || keyword == "ForwardX11"
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
