using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Tools
{
    public class SshToolLocatorTests
    {
        [Fact]
        public void WindowsOpenSshIsFoundOffPath()
        {
            var env = new FakeEnvironment(true, @"C:\Windows\System32\OpenSSH\ssh.exe") { ["SystemRoot"] = @"C:\Windows", ["PATH"] = @"C:\Windows\system32" };
            SshToolLocation found = new SshToolLocator(env).Find("ssh");
            Assert.Equal(@"C:\Windows\System32\OpenSSH\ssh.exe", found.Path.Replace('/', '\\'));
            Assert.Equal(SshToolFlavor.Win32OpenSsh, found.Flavor);
        }

        [Fact]
        public void PathWinsAndEveryCopyIsListed()
        {
            string moba = @"C:\Users\u\AppData\Roaming\MobaXterm\slash\bin\ssh.exe";
            string git = @"C:\Program Files\Git\usr\bin\ssh.exe";
            var env = new FakeEnvironment(true, moba, git) { ["PATH"] = @"C:\Users\u\AppData\Roaming\MobaXterm\slash\bin", ["ProgramFiles"] = @"C:\Program Files" };
            var all = new SshToolLocator(env).FindAll("ssh").ToList();
            Assert.Equal(SshToolFlavor.MobaXterm, all[0].Flavor);
            Assert.Equal(SshToolFlavor.GitForWindows, all[1].Flavor);
        }

        [Fact]
        public void NothingInstalledGivesNull()
        {
            Assert.Null(new SshToolLocator(new FakeEnvironment(false) { ["PATH"] = "/usr/bin:/bin" }).Find("ssh-add"));
        }

        [Fact]
        public void UnixLooksOnPathOnly()
        {
            var env = new FakeEnvironment(false, "/usr/local/bin/ssh") { ["PATH"] = "/usr/bin:/usr/local/bin" };
            var found = new SshToolLocator(env).Find("ssh");
            Assert.Equal("/usr/local/bin/ssh", found.Path);
            Assert.Equal(SshToolFlavor.OpenSsh, found.Flavor);
        }

        private sealed class FakeEnvironment : Dictionary<string, string>, IToolEnvironment
        {
            private readonly HashSet<string> files;

            public FakeEnvironment(bool windows, params string[] files)
            {
                IsWindows = windows;
                this.files = new HashSet<string>(files.Select(Normalize), System.StringComparer.OrdinalIgnoreCase);
            }

            public bool IsWindows { get; }

            public string GetEnvironmentVariable(string name) => TryGetValue(name, out string v) ? v : null;

            public bool FileExists(string path) => files.Contains(Normalize(path));

            private static string Normalize(string p) => p.Replace('\\', '/');
        }
    }
}
