using System;
using System.IO;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Diagnostics
{
    public sealed class SystemToolEnvironment : IToolEnvironment
    {
        public static readonly SystemToolEnvironment Instance = new SystemToolEnvironment();

        public bool IsWindows => Platform.IsWindows;

        public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

        public bool FileExists(string path) => File.Exists(path);
    }
}
