using System;
using System.IO;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Tools
{
    public sealed class SystemToolEnvironment : IToolEnvironment
    {
        public static readonly SystemToolEnvironment Instance = new SystemToolEnvironment();

        public bool IsWindows => HostPlatform.IsWindows;

        public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

        public bool FileExists(string path) => File.Exists(path);
    }
}
