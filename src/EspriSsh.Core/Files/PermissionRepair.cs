namespace EspriSsh.Core.Files
{
    /// <summary>One file (or the ssh folder) Repair-EspriKeyPermission looked at: its rights before and after.</summary>
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
    }
}
