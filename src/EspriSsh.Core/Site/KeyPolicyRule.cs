namespace EspriSsh.Core.Site
{
    /// <summary>The site's verdict on one key type, and below which size it is refused.</summary>
    public sealed class KeyPolicyRule
    {
        /// <summary>The SSH key type name, e.g. ssh-ed25519.</summary>
        public string Type { get; set; } = "";

        public KeyPolicyVerdict Verdict { get; set; }

        /// <summary>Keys with fewer bits are refused (RSA).</summary>
        public int? MinimumBits { get; set; }

        public string Reason { get; set; } = "";
    }
}
