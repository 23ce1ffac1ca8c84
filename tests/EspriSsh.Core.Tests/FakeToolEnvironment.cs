using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests
{
    /// <summary>A machine whose environment holds only the variables a test sets (a Unix one unless told).</summary>
    public sealed class FakeToolEnvironment : IToolEnvironment
    {
        private readonly Dictionary<string, string> variables = new Dictionary<string, string>();

        public bool IsWindows { get; set; }

        public string this[string name]
        {
            set => variables[name] = value;
        }

        public string GetEnvironmentVariable(string name) => variables.TryGetValue(name, out string value) ? value : null;

        public bool FileExists(string path) => File.Exists(path);
    }
}
