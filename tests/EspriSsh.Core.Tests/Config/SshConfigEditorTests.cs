using System;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Config;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Config
{
    public class SshConfigEditorTests
    {
        private static SshConfigEditor Editor() => new SshConfigEditor(SiteProfileLoader.Default);

        private static SshConfigRequest Request(bool jeanZay = true) => new SshConfigRequest
        {
            User = "alice",
            JeanZayUser = jeanZay ? "ujz01" : null,
        };

        /// <summary>
        /// Each config edited, then asked to the real ssh -G: every site value ssh uses, except those a
        /// line of the user's overrides (named in the plan with its line), and a second run changes nothing.
        /// </summary>
        [RequiresToolsTheory("ssh")]
        [InlineData("", "", false)]
        [InlineData("Host *\n  User bob\n  IdentityFile ~/.ssh/other\n", "", false)]
        [InlineData("User top\n", "spirit1 User line 1,jean-zay User line 1", false)]
        [InlineData("Host spirit1\n  User old\n  ProxyJump x\nHost *\n  User bob\n", "spirit1 ProxyJump line 3", false)]
        [InlineData("Host *\n  User bob\n\nHost jean-zay\n  User old\nHost spirit1\n  Port 2222", "spirit1 Port line 2", false)]
        [InlineData("Host jean-zay\r\n  ProxyCommand ssh gw -W %h:%p\r\n  User old\r\nMatch exec \"false\"\r\n  User m\r\n", "", true)]
        [InlineData("Host jean-zay\r\n  ProxyCommand ssh gw -W %h:%p\r\n  User old\r\nMatch exec \"false\"\r\n  User m\r\n", "", false, true)]
        [InlineData("# top comment\nHost *.fr\n  User bob\n# about jean-zay\nHost jean*\n  Port 2022", "", false)]
        public void SshGShowsOurValuesOrTheNamedOverridesAndTheSecondRunChangesNothing(string original, string overrides, bool replaceRoute, bool routeKept = false)
        {
            using var home = new TempDirectory();
            Directory.CreateDirectory(Path.Combine(home.Path, ".ssh"));
            string config = Path.Combine(home.Path, ".ssh", "config");
            File.WriteAllText(config, original);
            var options = new SshResolveOptions { Home = home.Path, LocalUser = "me" };
            SshConfigRequest request = Request();
            request.ReplaceRoute = replaceRoute;
            SshConfigEditPlan plan = Editor().Plan(config, request, options);
            File.WriteAllBytes(config, plan.NewBytes);

            string[] named = overrides.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(named, plan.Overrides.Select(o => $"{o.Host} {o.Setting} line {o.Location.Line}"));
            Assert.Equal(routeKept, plan.KeptRoute != null);
            Assert.Equal(named.Length == 0 && !routeKept, plan.Satisfied);
            SshGRun spirit = SshGRun.Settings(config, "spirit1", home.Path);
            SshGRun jz = SshGRun.Settings(config, "jean-zay", home.Path);
            foreach (var (host, ssh, key, wanted) in new[]
            {
                ("spirit1", spirit, "User", "alice"), ("spirit1", spirit, "HostName", "spirit1.ipsl.fr"), ("spirit1", spirit, "Port", "22"),
                ("spirit1", spirit, "ProxyJump", null), ("jean-zay", jz, "User", "ujz01"), ("jean-zay", jz, "HostName", "jean-zay.idris.fr"),
                ("jean-zay", jz, "Port", "22"),
            })
            {
                if (!named.Any(n => n.StartsWith(host + " " + key + " ", StringComparison.Ordinal)))
                {
                    Assert.Equal(wanted, ssh[key.ToLowerInvariant()]);
                }
            }

            Assert.Equal("~/.ssh/id_ed25519", spirit.All("identityfile")[0]);
            Assert.Equal("yes", spirit["identitiesonly"]);
            Assert.Equal(routeKept ? null : "spirit1", jz["proxyjump"]);
            Assert.Equal(routeKept ? "ssh gw -W %h:%p" : null, jz["proxycommand"]);

            SshConfigEditPlan again = Editor().Plan(config, request, options);
            Assert.False(again.Changed);
            Assert.Equal("", again.Diff);
        }

        [Fact]
        public void RemovesTheBomKeepsCrlfAndWarns()
        {
            using var home = new TempDirectory();
            string config = home.File("config");
            File.WriteAllBytes(config, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Host other\r\n  User o\r\n")).ToArray());
            SshConfigEditPlan plan = Editor().Plan(config, Request(false), new SshResolveOptions { Home = home.Path });
            string text = Encoding.UTF8.GetString(plan.NewBytes);
            Assert.False(plan.NewBytes[0] == 0xEF);
            Assert.StartsWith("Host other\r\n  User o\r\n\r\nHost spirit1\r\n", text);
            Assert.DoesNotContain(text.Replace("\r\n", ""), c => c == '\n');
            Assert.Contains(plan.Warnings, w => w.Contains("byte order mark"));
        }

        [Fact]
        public void WarnsAboutForwardAgentForAllAndCommentsItOutOnlyWhenAsked()
        {
            using var home = new TempDirectory();
            string config = home.File("config");
            File.WriteAllText(config, "Host *\n  ForwardAgent yes\n");
            var options = new SshResolveOptions { Home = home.Path };
            SshConfigEditPlan warnOnly = Editor().Plan(config, Request(false), options);
            Assert.Contains("  ForwardAgent yes\n", Encoding.UTF8.GetString(warnOnly.NewBytes));
            Assert.Contains(warnOnly.Warnings, w => w.Contains("ForwardAgent") && w.Contains("every host"));

            SshConfigEditPlan disabled = Editor().Plan(config, new SshConfigRequest { User = "alice", DisableForwardAgentAll = true }, options);
            SshConfigDocument doc = SshConfigDocument.Parse(disabled.NewBytes);
            Assert.DoesNotContain(doc.Lines, l => l.Is("ForwardAgent"));
            Assert.Contains(doc.Lines, l => l.Kind == SshConfigLineKind.Comment && l.Text.Contains("ForwardAgent yes"));
            Assert.False(SshConfigResolver.Resolve(doc, "spirit1", options).ForwardAgent);
        }

        [Fact]
        public void LeavesABlockDefinedInAnIncludedFileAndWarns()
        {
            using var home = new TempDirectory();
            Directory.CreateDirectory(Path.Combine(home.Path, ".ssh"));
            File.WriteAllText(Path.Combine(home.Path, ".ssh", "extra.conf"), "Host spirit1\n  User someoneelse\n");
            string config = Path.Combine(home.Path, ".ssh", "config");
            File.WriteAllText(config, "Include extra.conf\n");
            SshConfigEditPlan plan = Editor().Plan(config, Request(false), new SshResolveOptions { Home = home.Path });
            Assert.Equal("Include extra.conf\n", Encoding.UTF8.GetString(plan.NewBytes));
            Assert.Contains(plan.Warnings, w => w.Contains("included file") && w.Contains("extra.conf"));
            Assert.False(plan.Satisfied);
        }

        [Fact]
        public void UpdatesAnExistingBlockInPlaceKeepingItsStyle()
        {
            using var home = new TempDirectory();
            string config = home.File("config");
            File.WriteAllText(config, "Host spirit1\n\tUser=old\n\tForwardX11 yes\n\nHost x\n  User y\n");
            SshConfigEditPlan plan = Editor().Plan(config, Request(false), new SshResolveOptions { Home = home.Path });
            Assert.Equal("Host spirit1\n\tUser=alice\n\tForwardX11 yes\n\tHostName spirit1.ipsl.fr\n\tIdentityFile ~/.ssh/id_ed25519\n\tIdentitiesOnly yes\n\nHost x\n  User y\n",
                Encoding.UTF8.GetString(plan.NewBytes));
        }

        [Fact]
        public void RefusesAHeadNodeTheSiteDoesNotHave()
        {
            var ex = Assert.Throws<EspriSsh.Core.Errors.EspriException>(() =>
                Editor().Plan("/nonexistent/config", new SshConfigRequest { User = "alice", HeadNode = "jean-zay" }));
            Assert.Equal("InvalidParameter", ex.ErrorId);
        }

        [Fact]
        public void ProxyCommandOnWindowsNamesSshExeByItsFullPathQuoted()
        {
            var windows = new WindowsWithOpenSsh();
            var editor = new SshConfigEditor(SiteProfileLoader.Default, new EspriSsh.Core.Tools.SshToolLocator(windows), isWindows: true);
            using var home = new TempDirectory();
            var request = new SshConfigRequest { User = "alice", JeanZayUser = "ujz01", UseProxyCommand = true };
            SshConfigDocument doc = SshConfigDocument.Parse(editor.Plan(home.File("config"), request, new SshResolveOptions { Home = home.Path }).NewBytes);
            SshConfigLine proxy = Assert.Single(doc.Lines, l => l.Is("ProxyCommand"));
            // Path.Combine joins with "/" when the test runs on Linux.
            Assert.Equal("\"C:\\Program Files\\OpenSSH\\ssh.exe\" spirit1 -W %h:%p", proxy.RawValue.Replace("/", "\\"));
        }

        private sealed class WindowsWithOpenSsh : EspriSsh.Core.Tools.IToolEnvironment
        {
            public bool IsWindows => true;

            public string GetEnvironmentVariable(string name) => name == "ProgramFiles" ? "C:\\Program Files" : null;

            public bool FileExists(string path) => path.Replace('/', '\\') == "C:\\Program Files\\OpenSSH\\ssh.exe";
        }
    }
}
