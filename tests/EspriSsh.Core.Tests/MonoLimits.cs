namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// Why a test does not run under Mono (the net472 build on Linux) although it runs on .NET and on
    /// .NET Framework: the NotOnMono reasons of the host attributes. docs/ARCHITECTURE.md lists them;
    /// none is a product bug.
    /// </summary>
    public static class MonoLimits
    {
        public const string UnixProtectionIsNet8Only =
            "it tests the Unix file protection, which only the net8.0 build has (what pwsh 7 loads on Linux and macOS; the netstandard2.0 build runs on Windows only), and under Mono a test stand-in takes its place";

        public const string ArgumentSplitting =
            "Mono splits ProcessStartInfo.Arguments by its own rules (a quoted argument ending in a backslash swallows the next), not the Windows C runtime's";
    }
}
