namespace EspriSsh.Core.Platform
{
    /// <summary>What a path names, links followed (unless told otherwise): only a Regular file is ever read whole.</summary>
    public enum FileKind
    {
        Missing,
        Regular,
        Directory,

        /// <summary>A FIFO: opening it for reading waits for a writer, so it is never opened.</summary>
        NamedPipe,

        /// <summary>/dev/zero, /dev/tty, CON...: endless or interactive.</summary>
        Device,
        Socket,

        /// <summary>A symbolic link (or Windows reparse point) met where links were not to be followed.</summary>
        SymbolicLink,
        Other,
    }
}
