namespace EspriSsh.Core.Keys
{
    /// <summary>One file or folder Repair-EspriKeyPermission looks at, and which rule applies to it.</summary>
    public sealed class PermissionTarget
    {
        public PermissionTarget(string path, bool isFolderAbove = false)
        {
            Path = path;
            IsFolderAbove = isFolderAbove;
        }

        public string Path { get; }

        /// <summary>
        /// A folder above the ssh folder (up to the home): only the write access of others is taken
        /// away (chmod go-w), its other rights stay. Otherwise the target becomes owner-only.
        /// </summary>
        public bool IsFolderAbove { get; }
    }
}
