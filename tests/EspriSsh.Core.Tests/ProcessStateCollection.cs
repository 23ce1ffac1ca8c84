namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// Tests that change process-wide state (ESPRISSH_HOME and other environment variables,
    /// HostPlatform.Override, Argon2Compression.Path) join this collection: xUnit runs it alone,
    /// after the parallel ones, and each test restores what it changed.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessStateCollection
    {
        public const string Name = "process-wide state";
    }
}
