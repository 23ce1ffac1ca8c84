namespace EspriSsh.Core.Connection
{
    /// <summary>The stages, in the order a connection goes through them.</summary>
    public static class StageNames
    {
        public const string Config = "Config";
        public const string Dns = "Dns";
        public const string Tcp = "Tcp";
        public const string Banner = "Banner";
        public const string HostKey = "HostKey";
        public const string Authentication = "Authentication";
        public const string Session = "Session";
    }
}
