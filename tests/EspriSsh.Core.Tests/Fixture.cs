using System;
using System.IO;

namespace EspriSsh.Core.Tests
{
    /// <summary>Files under Fixtures/ (copied beside the test assembly): data no tool here can make any more.</summary>
    public static class Fixture
    {
        // Beside the assembly, not the AppDomain's base: a runner without app domains has its own.
        public static string Path(string name) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(Fixture).Assembly.Location), "Fixtures", name);
    }
}
