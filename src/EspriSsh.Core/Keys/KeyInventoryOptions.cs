using System.Collections.Generic;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>What KeyInventory.Scan judges against; the defaults are the current site and an unknown agent.</summary>
    public sealed class KeyInventoryOptions
    {
        /// <summary>The site profile for SitePolicy; null: SiteProfileLoader.Current.</summary>
        public SiteProfile? Site { get; set; }

        /// <summary>Fingerprints ("SHA256:...") of the keys loaded in the agent; null: unknown (InAgent stays null).</summary>
        public IReadOnlyCollection<string>? AgentFingerprints { get; set; }
    }
}
