using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Site
{
    /// <summary>
    /// The facts of one computing site as data: hosts, key policy, support. The ESPRI profile ships
    /// embedded; a site can load its own file so host names change without a new release.
    /// </summary>
    public sealed class SiteProfile
    {
        public string Name { get; set; } = "";

        public string? Description { get; set; }

        public string? DocumentationUrl { get; set; }

        public SupportInfo Support { get; set; } = new SupportInfo();

        public string DefaultHeadNode { get; set; } = "";

        public List<SiteHost> Hosts { get; set; } = new List<SiteHost>();

        public List<HostKeyFingerprint> HostKeyFingerprints { get; set; } = new List<HostKeyFingerprint>();

        public List<KeyPolicyRule> KeyPolicy { get; set; } = new List<KeyPolicyRule>();

        /// <summary>Where the profile came from (embedded or a file path).</summary>
        public string Source { get; set; } = "";

        /// <summary>True only for the profile shipped inside the module (a file cannot claim it: no public setter); commands name any other profile's file.</summary>
        public bool IsBuiltIn { get; internal set; }

        public SiteHost? FindHost(string aliasOrName) =>
            Hosts.FirstOrDefault(h => string.Equals(h.Alias, aliasOrName, StringComparison.OrdinalIgnoreCase))
            ?? Hosts.FirstOrDefault(h => string.Equals(h.HostName, aliasOrName, StringComparison.OrdinalIgnoreCase));

        public IEnumerable<SiteHost> HeadNodes => Hosts.Where(h => h.Role == SiteHostRole.HeadNode);

        /// <summary>The host reached through a head node (Jean Zay for ESPRI); null when the site has none.</summary>
        public SiteHost? RemoteHost => Hosts.FirstOrDefault(h => h.Role == SiteHostRole.Remote && h.Via != null);

        /// <summary>
        /// An independent copy: what a user changes in it (Get-EspriSite's output) changes nothing
        /// the module goes by.
        /// </summary>
        public SiteProfile Copy() => SiteProfileLoader.CopyOf(this);

        /// <summary>The site's verdict on a key of this type and size.</summary>
        public KeyPolicyResult Evaluate(string keyType, int bits)
        {
            KeyPolicyRule? rule = KeyPolicy.FirstOrDefault(r => string.Equals(r.Type, keyType, StringComparison.Ordinal));
            if (rule == null)
            {
                return new KeyPolicyResult(keyType, bits, KeyPolicyVerdict.Refused,
                    $"The site does not accept {keyType} keys. Make an ED25519 key with New-EspriKey.");
            }

            if (rule.MinimumBits.HasValue && bits < rule.MinimumBits.Value)
            {
                return new KeyPolicyResult(keyType, bits, KeyPolicyVerdict.Refused,
                    $"{keyType} keys must have at least {rule.MinimumBits} bits; this one has {bits}. Make an ED25519 key with New-EspriKey.");
            }

            return new KeyPolicyResult(keyType, bits, rule.Verdict, rule.Reason);
        }
    }
}
