namespace EspriSsh.Core.Connection
{
    /// <summary>What became of a host key to be recorded in known_hosts.</summary>
    public sealed class KnownHostsWrite
    {
        private KnownHostsWrite(string path, bool recorded, string? problem)
        {
            Path = path;
            Recorded = recorded;
            Problem = problem;
        }

        public string Path { get; }

        /// <summary>The line is in the file.</summary>
        public bool Recorded { get; }

        /// <summary>Why it is not, in ssh's words with the cause; null when recorded.</summary>
        public string? Problem { get; }

        internal static KnownHostsWrite Written(string path) => new KnownHostsWrite(path, true, null);

        /// <summary>/dev/null: written to as ssh does, and lost; the next connection is a first one again.</summary>
        internal static KnownHostsWrite Lost(string path) =>
            new KnownHostsWrite(path, false, $"{path} keeps nothing: ssh reads it as an empty file, so the next connection will be a first connection again");

        /// <summary>A file that cannot be written (read-only, not ours...): ssh says so and goes on.</summary>
        internal static KnownHostsWrite Failed(string path, string cause) =>
            new KnownHostsWrite(path, false, $"Failed to add the host to the list of known hosts ({path}): {cause}");
    }
}
