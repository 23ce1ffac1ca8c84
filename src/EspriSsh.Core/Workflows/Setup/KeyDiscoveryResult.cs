using System.Collections.Generic;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>The keys found: those the site accepts (installed ones first), and the others with the reason.</summary>
    public sealed class KeyDiscoveryResult
    {
        public List<KeyCandidate> Usable { get; } = new List<KeyCandidate>();

        /// <summary>Keys never chosen: refused by the site (DSA, short RSA, ECDSA) or unreadable, each with why.</summary>
        public List<(string Path, string Reason)> NotUsed { get; } = new List<(string, string)>();
    }
}
