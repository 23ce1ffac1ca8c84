namespace EspriSsh.Core.Site
{
    /// <summary>How a host of the site is reached.</summary>
    public enum SiteHostRole
    {
        /// <summary>Logged into directly (spirit1...): the head nodes.</summary>
        HeadNode,

        /// <summary>Reached through a head node (its Via): Jean Zay for ESPRI.</summary>
        Remote,
    }
}
