#if NETFRAMEWORK
namespace System.IO
{
    /// <summary>.NET 7's enum (same values: the permission bits of st_mode), for the net472 build.</summary>
    [Flags]
    public enum UnixFileMode
    {
        None = 0,
        OtherExecute = 1,
        OtherWrite = 2,
        OtherRead = 4,
        GroupExecute = 8,
        GroupWrite = 16,
        GroupRead = 32,
        UserExecute = 64,
        UserWrite = 128,
        UserRead = 256,
        StickyBit = 512,
        SetGroup = 1024,
        SetUser = 2048,
    }
}
#endif
