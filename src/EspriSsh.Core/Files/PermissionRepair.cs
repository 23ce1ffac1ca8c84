namespace EspriSsh.Core.Files
{
    /// <summary>One file or folder Repair-EspriKeyPermission looked at: its rights before and after, or why it was left alone.</summary>
    public sealed class PermissionRepair
    {
        public PermissionRepair(string path, string before, string after, bool changed)
        {
            Path = path;
            Before = before;
            After = after;
            Changed = changed;
        }

        public string Path { get; }

        /// <summary>"0644", or an ACL summary on Windows.</summary>
        public string Before { get; }

        public string After { get; }

        /// <summary>True when the rights were too open and were restricted to the owner.</summary>
        public bool Changed { get; }

        /// <summary>Why it was left as it is although something is wrong (a symbolic link); null otherwise.</summary>
        public string? Problem { get; internal set; }
    }
}
