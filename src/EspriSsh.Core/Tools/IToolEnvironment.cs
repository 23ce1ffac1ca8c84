namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// The few facts of the machine that finding ssh depends on. The real one reads the OS; tests
    /// give a fake (e.g. a Windows machine with MobaXterm, on Linux).
    /// </summary>
    public interface IToolEnvironment
    {
        bool IsWindows { get; }

        string? GetEnvironmentVariable(string name);

        bool FileExists(string path);
    }
}
