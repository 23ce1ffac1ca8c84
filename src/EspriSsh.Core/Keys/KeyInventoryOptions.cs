using System.Collections.Generic;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>What KeyInventory.Scan judges against; the defaults are the real site and agent.</summary>
    public sealed class KeyInventoryOptions
    {
        /// <summary>The site profile for SitePolicy; null: SiteProfileLoader.Current.</summary>
        public SiteProfile? Site { get; set; }

        /// <summary>Fingerprints ("SHA256:...") of the keys loaded in the agent; null: unknown (InAgent stays null).</summary>
        public IReadOnlyCollection<string>? AgentFingerprints { get; set; }

        /// <summary>The current site profile and the keys the reachable ssh-agent holds (asked once, here).</summary>
        public static KeyInventoryOptions Current() => new KeyInventoryOptions
        {
            Site = SiteProfileLoader.Current,
            AgentFingerprints = new SshAgent().LoadedFingerprints(),
        };
    }
}
