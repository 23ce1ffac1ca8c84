namespace EspriSsh.Core.Site
{
    /// <summary>One host of the site: an alias users type, the real name, and how it is reached.</summary>
    public sealed class SiteHost
    {
        public string Alias { get; set; } = "";

        public string HostName { get; set; } = "";

        /// <summary>HeadNode (direct login) or Remote (reached through <see cref="Via"/>).</summary>
        public SiteHostRole Role { get; set; } = SiteHostRole.HeadNode;

        public int Port { get; set; } = 22;

        /// <summary>The alias of the jump host, for hosts reached through a head node.</summary>
        public string? Via { get; set; }

        public string? Description { get; set; }

        public override string ToString() => Alias + " (" + HostName + ")";
    }
}
