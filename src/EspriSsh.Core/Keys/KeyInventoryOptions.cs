using System.Collections.Generic;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>What KeyInventory.Scan judges against: the site profile, and the agent's keys when known.</summary>
    public sealed class KeyInventoryOptions
    {
        public KeyInventoryOptions(SiteProfile site) => Site = site;

        /// <summary>The site profile for SitePolicy.</summary>
        public SiteProfile Site { get; }

        /// <summary>Fingerprints ("SHA256:...") of the keys loaded in the agent; null: unknown (InAgent stays null).</summary>
        public IReadOnlyCollection<string>? AgentFingerprints { get; set; }
    }
}
