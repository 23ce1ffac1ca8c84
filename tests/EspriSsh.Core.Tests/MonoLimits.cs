namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// Why a test cannot pass under Mono although .NET Framework (and .NET) would: the NotOnMono
    /// reasons of the host attributes. docs/ARCHITECTURE.md lists them; none is a product bug.
    /// </summary>
    public static class MonoLimits
    {
        public const string RawDescriptor =
            "Mono's FileStream refuses the raw descriptor that open(2) returns, which the netstandard2.0 build uses to create owner-only files on Unix";

        public const string NoUnixModes =
            "the netstandard2.0 build reads Unix modes through File.GetUnixFileMode (.NET 7+), which Mono lacks";

        public const string ArgumentSplitting =
            "Mono splits ProcessStartInfo.Arguments by its own rules (a quoted argument ending in a backslash swallows the next), not the Windows C runtime's";
    }
}
