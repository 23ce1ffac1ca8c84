namespace EspriSsh.Core.Config
{
    /// <summary>A problem in a config that breaks or endangers every connection, with the line it is on.</summary>
    public sealed class SshConfigFinding
    {
        /// <summary>The UTF-8 byte order mark: OpenSSH rejects the whole file.</summary>
        public const string ConfigHasBom = "ConfigHasBom";

        /// <summary>ForwardAgent yes for every host (Host *, Match all, or before any Host).</summary>
        public const string ForwardAgentAllHosts = "ForwardAgentAllHosts";

        public SshConfigFinding(string id, SshConfigLocation location, string message)
        {
            Id = id;
            Location = location;
            Message = message;
        }

        public string Id { get; }

        public SshConfigLocation Location { get; }

        public string Message { get; }

        public override string ToString() => Message;
    }
}
