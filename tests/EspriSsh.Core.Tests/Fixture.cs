using System;
using System.IO;

namespace EspriSsh.Core.Tests
{
    /// <summary>Files under Fixtures/ (copied beside the test assembly): data no tool here can make any more.</summary>
    public static class Fixture
    {
        public static string Path(string name) => System.IO.Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "Fixtures", name);
    }
}
