using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Connection
{
    public class ConnectionPlanBuilderTests
    {
        private static ConnectionPlanBuilder Builder(TempDirectory dir, Dictionary<string, HostSettings> config = null) =>
            new ConnectionPlanBuilder(SiteProfileLoader.Default, alias => config != null && config.TryGetValue(alias, out HostSettings s) ? s : null, dir.Path, "localuser");

        [Fact]
        public void SiteProfileGivesRealNamesAndTheJumpHostOfJeanZay()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("id_ed25519"), "x");
            ConnectionPlan plan = Builder(dir).Build("jean-zay", new HostSettings(), null);
            Assert.Equal("jean-zay.idris.fr", plan.Target.HostName);
            Assert.Equal("localuser", plan.Target.User);
            Assert.Equal(new[] { dir.File("id_ed25519") }, plan.Target.IdentityFiles);
            HopPlan jump = Assert.Single(plan.Jumps);
            Assert.Equal("spirit1", jump.Alias);
            Assert.Equal("spirit1.ipsl.fr", jump.HostName);
            Assert.Equal(dir.File("known_hosts"), plan.KnownHostsPath);
            Assert.Equal(new[] { dir.File("known_hosts"), dir.File("known_hosts2") }, plan.UserKnownHostsFiles);
            Assert.Equal(KnownHostsLocations.DefaultGlobalFiles, plan.GlobalKnownHostsFiles);
        }

        [Fact]
        public void ExplicitParametersWinOverConfigWhichWinsOverTheSite()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("explicit"), "x");
            var config = new Dictionary<string, HostSettings>
            {
                ["spirit1"] = new HostSettings { HostName = "10.0.0.1", User = "cfguser", Port = 2201, IdentityFiles = new[] { "/cfg/key" },
                    UserKnownHostsFiles = new[] { "/cfg/kh", "/cfg/kh2" }, GlobalKnownHostsFiles = new[] { "/cfg/global" }, Source = "cfg" },
            };
            ConnectionPlan fromConfig = Builder(dir, config).Build("spirit1", new HostSettings(), null);
            Assert.Equal("10.0.0.1:2201 cfguser /cfg/key /cfg/kh", $"{fromConfig.Target.HostName}:{fromConfig.Target.Port} {fromConfig.Target.User} {fromConfig.Target.IdentityFiles[0]} {fromConfig.KnownHostsPath}");

            ConnectionPlan explicitWins = Builder(dir, config).Build("spirit1",
                new HostSettings { User = "me", Port = 2222, IdentityFiles = new[] { dir.File("explicit") } }, "/explicit/kh");
            Assert.Equal("10.0.0.1:2222 me", $"{explicitWins.Target.HostName}:{explicitWins.Target.Port} {explicitWins.Target.User}");
            Assert.Equal(new[] { dir.File("explicit") }, explicitWins.Target.IdentityFiles);
            Assert.Equal(new[] { "/cfg/kh", "/cfg/kh2" }, fromConfig.UserKnownHostsFiles);
            Assert.Equal(new[] { "/cfg/global" }, fromConfig.GlobalKnownHostsFiles);
            Assert.Equal("/explicit/kh", explicitWins.KnownHostsPath);
            Assert.Equal(new[] { "/explicit/kh" }, explicitWins.UserKnownHostsFiles);
            Assert.Equal(new[] { "/cfg/global" }, explicitWins.GlobalKnownHostsFiles);
        }

        [RequiresToolsFact("ssh")]
        public void ReadsTheKnownHostsFilesSshGNames()
        {
            using var dir = new TempDirectory();
            string config = dir.File("config");
            File.WriteAllText(config, $"Host box\n  HostName Real.Example\n  UserKnownHostsFile {dir.File("kh_%h_%n_%p_%k_%r")} {dir.File("kh2")}\n  GlobalKnownHostsFile /srv/ssh/known_a /srv/ssh/known_b\n");
            HostSettings settings = HostConfigSource.For(config, dir.Path)("box")!;
            Assert.Equal(SshG(config, "userknownhostsfile"), string.Join(" ", settings.UserKnownHostsFiles!));
            Assert.Equal(SshG(config, "globalknownhostsfile"), string.Join(" ", settings.GlobalKnownHostsFiles!));
        }

        [RequiresToolsFact("ssh")]
        public void DefaultsToTheKnownHostsFilesSshReadsWithoutConfig()
        {
            string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
            Assert.Equal(SshG("/dev/null", "userknownhostsfile"), string.Join(" ", KnownHostsLocations.DefaultUserFiles(Path.Combine(home, ".ssh"))));
            Assert.Equal(SshG("/dev/null", "globalknownhostsfile"), string.Join(" ", KnownHostsLocations.DefaultGlobalFiles));
        }

        /// <summary>ssh -G's value for a keyword (the reference).</summary>
        private static string SshG(string config, string keyword) =>
            ExternalTool.Check("ssh", "-G", "-F", config, "box").Split('\n').Single(l => l.StartsWith(keyword + " ")).Substring(keyword.Length + 1).Trim();

        [Theory]
        [InlineData("jumper@spirit2:2022", "jumper", "spirit2.ipsl.fr", 2022)]
        [InlineData("spirit2", "localuser", "spirit2.ipsl.fr", 22)]
        [InlineData("[10.1.2.3]", "localuser", "10.1.2.3", 22)]
        public void ParsesProxyJumpAndResolvesItsAlias(string proxyJump, string user, string hostName, int port)
        {
            using var dir = new TempDirectory();
            var config = new Dictionary<string, HostSettings> { ["target"] = new HostSettings { ProxyJump = proxyJump } };
            HopPlan jump = Assert.Single(Builder(dir, config).Build("target", new HostSettings(), null).Jumps);
            Assert.Equal($"{user}@{hostName}:{port}", $"{jump.User}@{jump.HostName}:{jump.Port}");
        }

        [Fact]
        public void ProxyJumpNoneInTheConfigOverridesTheSiteJumpHost()
        {
            using var dir = new TempDirectory();
            var config = new Dictionary<string, HostSettings> { ["jean-zay"] = new HostSettings { ProxyJump = "none" } };
            Assert.Empty(Builder(dir, config).Build("jean-zay", new HostSettings(), null).Jumps);
        }

        [Fact]
        public void AProxyJumpChainIsReachedInOrderAfterTheFirstHostsOwnJump()
        {
            using var dir = new TempDirectory();
            var config = new Dictionary<string, HostSettings>
            {
                ["target"] = new HostSettings { ProxyJump = "middle,last" },
                ["middle"] = new HostSettings { HostName = "10.0.0.2", ProxyJump = "first" },
                ["last"] = new HostSettings { HostName = "10.0.0.3", ProxyJump = "ignored-as-with-ssh" },
                ["first"] = new HostSettings { HostName = "10.0.0.1", User = "u1" },
            };

            ConnectionPlan plan = Builder(dir, config).Build("target", new HostSettings(), null);

            Assert.Equal(new[] { "first", "middle", "last", "target" }, plan.Hops.Select(h => h.Alias));
            Assert.Equal("u1@10.0.0.1", plan.Jumps[0].User + "@" + plan.Jumps[0].HostName);
        }

        [Fact]
        public void JumpHostsThatLeadToEachOtherAreALoop()
        {
            using var dir = new TempDirectory();
            var config = new Dictionary<string, HostSettings>
            {
                ["target"] = new HostSettings { ProxyJump = "a" },
                ["a"] = new HostSettings { ProxyJump = "b" },
                ["b"] = new HostSettings { ProxyJump = "a" },
            };

            var ex = Assert.Throws<EspriException>(() => Builder(dir, config).Build("target", new HostSettings(), null));

            Assert.Equal(ErrorIds.ConfigInvalid, ex.ErrorId);
            Assert.Contains("loop", ex.Message);
        }

        [Fact]
        public void IdentitiesOnlyComesFromTheConfigAndFromAnExplicitIdentityFile()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("mine"), "x");
            var config = new Dictionary<string, HostSettings> { ["only"] = new HostSettings { IdentitiesOnly = true } };

            Assert.True(Builder(dir, config).Build("only", new HostSettings(), null).Target.IdentitiesOnly);
            Assert.False(Builder(dir, config).Build("other", new HostSettings(), null).Target.IdentitiesOnly);
            Assert.True(Builder(dir, config).Build("other", new HostSettings { IdentityFiles = new[] { dir.File("mine") } }, null).Target.IdentitiesOnly);
        }

        [Theory]
        [InlineData("a,,b")]
        [InlineData("ssh://a")]
        [InlineData("host:notaport")]
        public void RefusesProxyJumpItCannotTest(string proxyJump)
        {
            using var dir = new TempDirectory();
            var config = new Dictionary<string, HostSettings> { ["target"] = new HostSettings { ProxyJump = proxyJump } };
            var ex = Assert.Throws<EspriException>(() => Builder(dir, config).Build("target", new HostSettings(), null));
            Assert.Equal(ErrorIds.ConfigInvalid, ex.ErrorId);
        }

        [Fact]
        public void AMissingExplicitKeyFileIsAnError()
        {
            using var dir = new TempDirectory();
            var ex = Assert.Throws<EspriException>(() => Builder(dir).Build("spirit1", new HostSettings { IdentityFiles = new[] { dir.File("nope") } }, null));
            Assert.Equal(ErrorIds.KeyFileNotFound, ex.ErrorId);
            Assert.Equal(dir.File("nope"), ex.Target);
        }
    }
}
