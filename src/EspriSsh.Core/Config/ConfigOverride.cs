namespace EspriSsh.Core.Config
{
    /// <summary>
    /// A line of the user's config (outside what EspriSsh writes, or before it) that makes ssh use,
    /// for a site alias, something else than the site needs: where it is, what it says, what it does
    /// (PowerShell type name EspriSsh.ConfigOverride).
    /// </summary>
    public sealed class ConfigOverride
    {
        public ConfigOverride(string host, string setting, string value, string wanted, SshConfigLocation location, string line, string effect)
        {
            Host = host;
            Setting = setting;
            Value = value;
            Wanted = wanted;
            Location = location;
            Line = line;
            Effect = effect;
        }

        /// <summary>The site alias it changes (spirit1, jean-zay).</summary>
        public string Host { get; }

        /// <summary>HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump or ProxyCommand.</summary>
        public string Setting { get; }

        /// <summary>What ssh will use because of the line.</summary>
        public string Value { get; }

        /// <summary>What the site needs.</summary>
        public string Wanted { get; }

        /// <summary>The file and line.</summary>
        public SshConfigLocation Location { get; }

        /// <summary>The line as written.</summary>
        public string Line { get; }

        /// <summary>What it does, in a sentence ("ssh connects spirit1 to port 4567 instead of 22").</summary>
        public string Effect { get; }

        public override string ToString() => $"{Location} ({Line.Trim()}): {Effect}";
    }
}
