using System;

namespace EspriSsh.Core.Files
{
    /// <summary>What a caller of <see cref="BoundedFileReader"/> decides beyond its strict default (links followed, every device refused).</summary>
    [Flags]
    public enum FileReadOptions
    {
        None = 0,

        /// <summary>A symbolic link as the file itself is refused (NotARegularFile), never followed, even if swapped in after a look.</summary>
        NoFollow = 1,

        /// <summary>The null device (/dev/null, NUL) reads as an empty file, as ssh reads it (UserKnownHostsFile /dev/null).</summary>
        NullDeviceIsEmpty = 2,
    }
}
