namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The way the config reaches a remote host today (another jump host, a proxy command), left as it
    /// is because nobody agreed to replace it (PowerShell type name EspriSsh.KeptRoute).
    /// </summary>
    public sealed class KeptRoute
    {
        public KeptRoute(string host, string route, SshConfigLocation? location, string siteJump)
        {
            Host = host;
            Route = route;
            Location = location;
            SiteJump = siteJump;
        }

        /// <summary>The alias (jean-zay).</summary>
        public string Host { get; }

        /// <summary>"ProxyJump labproxy" or "ProxyCommand ..." as ssh uses it.</summary>
        public string Route { get; }

        /// <summary>The line that sets it.</summary>
        public SshConfigLocation? Location { get; }

        /// <summary>The jump host the site uses instead (spirit1).</summary>
        public string SiteJump { get; }

        /// <summary>The same route, its line numbered as in another version of the file.</summary>
        internal KeptRoute At(SshConfigLocation? location) => new KeptRoute(Host, Route, location, SiteJump);

        public override string ToString() =>
            $"{Host} is reached through {Route.Substring(Route.IndexOf(' ') + 1)}{(Location == null ? "" : " (" + Location + ")")}, not through {SiteJump}";
    }
}
