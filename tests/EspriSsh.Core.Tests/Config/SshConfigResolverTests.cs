using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>The resolver against the real `ssh -G -F file host` (HOME set to a sandbox) on many configs.</summary>
    public class SshConfigResolverTests
    {
        private static readonly string[] Hosts = { "spirit1", "spirit2", "jean-zay", "foo", "x.ipsl.fr", "SPIRIT1", "1234", "127.1" };

        private static readonly string[] HostLines =
        {
            "Host *", "Host spirit1", "Host spirit?", "Host *.ipsl.fr", "Host * !spirit2", "Host jean-zay", "Host foo bar", "host=spirit*",
            "Host !foo *", "Match host spirit*", "Match originalhost jean-zay", "Match all", "Match user root", "Match !host x*",
            "Match exec \"false\"", "Match localuser root host *.ipsl.fr", "Host \"spirit1\"",
            // The forms issue 23 names: criterion=value, negated canonical and exec, the final pass, numeric aliases.
            "Match host=spirit*", "Match !canonical", "Match !exec \"false\"", "Match final", "Match final host *.example.org", "Match canonical",
            "Match !exec \"test %h = spirit1\" user=b*", "Host 1234", "Host 127.1 0.0.4.210", "Match host 0.0.4.210",
        };

        private static readonly (string Key, string[] Values)[] Settings =
        {
            ("HostName", new[] { "h1.example.org", "%h.example.org", "Upper.Example", "1234", "0x7f.1", "0:0::1" }),
            ("User", new[] { "alice", "bob", "\"with space\"" }),
            ("Port", new[] { "22", "2222" }),
            ("IdentityFile", new[] { "~/.ssh/k1", "\"/tmp/a b/key\"", "%d/.ssh/k_%r", "~/.ssh/id_ed25519" }),
            ("ProxyJump", new[] { "j1", "none", "u@j2:2200" }),
            ("ProxyCommand", new[] { "ssh j -W %h:%p", "none" }),
            ("ForwardAgent", new[] { "yes", "no" }),
            ("IdentitiesOnly", new[] { "yes", "no" }),
            ("ForwardX11", new[] { "yes", "no" }),
        };

        private static readonly string[] Separators = { " ", "=", " = ", "\t", "  " };

        [RequiresToolsFact("ssh")]
        public void AgreesWithSshGOnGeneratedConfigs()
        {
            using var sandbox = new TempDirectory();
            string ssh = Path.Combine(sandbox.Path, ".ssh");
            Directory.CreateDirectory(Path.Combine(ssh, "inc"));
            File.WriteAllText(Path.Combine(ssh, "inc", "b.conf"), "Host spirit2\n  User fromInclude\n  IdentityFile ~/.ssh/inc_key\n");
            File.WriteAllText(Path.Combine(ssh, "inc", "a.conf"), "Host foo\n  Port 2022\n");
            var options = new SshResolveOptions { Home = sandbox.Path, LocalUser = Environment.UserName };
            var random = new Random(42);
            int compared = 0;
            for (int n = 0; n < 45; n++)
            {
                string file = sandbox.File("config" + n);
                File.WriteAllText(file, GenerateConfig(random));
                foreach (string host in Hosts)
                {
                    Compare(file, host, options, sandbox.Path);
                    compared++;
                }
            }

            Assert.Equal(45 * Hosts.Length, compared);
        }

        [RequiresToolsFact("ssh")]
        public void AgreesWithSshGOnHandWrittenEdgeCases()
        {
            using var sandbox = new TempDirectory();
            Directory.CreateDirectory(Path.Combine(sandbox.Path, ".ssh", "conf.d"));
            File.WriteAllText(Path.Combine(sandbox.Path, ".ssh", "conf.d", "one.conf"), "Host spirit1\n  User included\n");
            File.WriteAllText(Path.Combine(sandbox.Path, ".ssh", "conf.d", ".hidden.conf"), "Host *\n  User hidden\n");
            var options = new SshResolveOptions { Home = sandbox.Path, LocalUser = Environment.UserName };
            string[] configs =
            {
                "Include conf.d/*.conf\nHost *\n  User star\n",
                "Host *\n  Include conf.d/*\nHost spirit1\n  User late\n",
                "Host foo\n  Include conf.d/one.conf\nHost *\n  User other\n",
                "HOSTNAME top.example\nhost spirit1\n  hostname=ignored\n",
                "Host spirit1 # a comment\n  User a # trailing\n  ProxyCommand ssh -W %h:%p gw # kept by ssh\n",
                "Host spirit1\n  ProxyJump none\n  ProxyCommand pc %h\n",
                "Host spirit1\n  ProxyCommand none\n  ProxyJump j\n",
                "Host spirit1\n  IdentityFile ~/.ssh/a\n  IdentityFile ~/.ssh/a\n  IdentityFile ~/.ssh/b\nHost *\n  IdentityFile ~/.ssh/a\n",
                "Host spirit1\r\n\tUser\t=\tcrlf\r\n",
                "Match host spirit1.ipsl.fr\n  User byhostname\nHost spirit1\n  HostName spirit1.ipsl.fr\nMatch host spirit1.ipsl.fr\n  User second\n",
                "Host spirit1\n  User \"quoted user\"\n  IdentityFile \"/tmp/x y/k\"\n  IdentityFile '/tmp/q'\n",
            };
            foreach (string config in configs)
            {
                string file = sandbox.File("c");
                File.WriteAllText(file, config);
                foreach (string host in new[] { "spirit1", "foo", "other" })
                {
                    Compare(file, host, options, sandbox.Path);
                }
            }
        }

        [Fact]
        public void ExpandsTildeAndTokensInIdentityFiles()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("c"), "Host spirit1\n  HostName spirit1.ipsl.fr\n  User alice\n  IdentityFile ~/.ssh/k_%h_%r_%u_%%\n  IdentityFile %d/k2\n");
            var options = new SshResolveOptions { Home = "/home/me", LocalUser = "me" };
            ResolvedHostConfig r = SshConfigResolver.Resolve(dir.File("c"), "spirit1", options);
            Assert.Equal(new[] { Path.Combine("/home/me", ".ssh/k_spirit1.ipsl.fr_alice_me_%"), "/home/me/k2" }, r.ExpandedIdentityFiles);
            Assert.Equal(new SshConfigLocation(dir.File("c"), 4).ToString(), r.SourceOf("identityfile")!.ToString());
        }

        [Fact]
        public void ListsMatchBlocksItCannotJudge()
        {
            // Where no Match exec command can run (Windows), the block does not apply and is listed.
            SshConfigDocument doc = SshConfigDocument.Parse("Match exec \"test -f /x\"\n  User x\nHost *\n  User y\n");
            ResolvedHostConfig r = SshConfigResolver.Resolve(doc, "spirit1", new SshResolveOptions { Home = "/h", LocalUser = "me", MatchExec = _ => null });
            Assert.Equal("y", r.User);
            Assert.Equal(1, Assert.Single(r.UnevaluatedMatches).Line);
        }

        private static void Compare(string file, string host, SshResolveOptions options, string home)
        {
            SshGRun expected = SshGRun.Settings(file, host, home);
            ResolvedHostConfig actual = SshConfigResolver.Resolve(file, host, options);
            string context = $"{host} in:\n{File.ReadAllText(file)}";
            Assert.True(expected["hostname"] == actual.HostName, "hostname " + expected["hostname"] + " vs " + actual.HostName + " for " + context);
            Assert.True(expected["user"] == actual.User, "user " + expected["user"] + " vs " + actual.User + " for " + context);
            Assert.True(expected["port"] == actual.Port.ToString(), "port for " + context);
            Assert.True(expected.All("identityfile").SequenceEqual(actual.IdentityFiles),
                "identityfile [" + string.Join("|", expected.All("identityfile")) + "] vs [" + string.Join("|", actual.IdentityFiles) + "] for " + context);
            Assert.True(expected["proxyjump"] == actual.ProxyJump, "proxyjump " + expected["proxyjump"] + " vs " + actual.ProxyJump + " for " + context);
            Assert.True(expected["proxycommand"] == actual.ProxyCommand, "proxycommand " + expected["proxycommand"] + " vs " + actual.ProxyCommand + " for " + context);
            Assert.True((expected["forwardagent"] == "yes") == actual.ForwardAgent, "forwardagent for " + context);
            Assert.True((expected["identitiesonly"] == "yes") == actual.IdentitiesOnly, "identitiesonly for " + context);
            Assert.True((expected["forwardx11"] == "yes") == actual.ForwardX11, "forwardx11 for " + context);
        }

        private static string GenerateConfig(Random random)
        {
            var text = new StringBuilder();
            if (random.Next(3) == 0)
            {
                text.Append("Include inc/*.conf\n");
            }

            int sections = random.Next(1, 6);
            for (int s = 0; s < sections; s++)
            {
                if (s > 0 || random.Next(3) > 0)
                {
                    text.Append(HostLines[random.Next(HostLines.Length)]).Append('\n');
                }

                int settings = random.Next(0, 5);
                for (int k = 0; k < settings; k++)
                {
                    var (key, values) = Settings[random.Next(Settings.Length)];
                    string written = random.Next(4) == 0 ? key.ToLowerInvariant() : key;
                    text.Append(random.Next(2) == 0 ? "  " : "\t").Append(written).Append(Separators[random.Next(Separators.Length)])
                        .Append(values[random.Next(values.Length)]).Append(random.Next(8) == 0 ? "\r\n" : "\n");
                }

                if (random.Next(4) == 0)
                {
                    text.Append("# a comment\n\n");
                }
            }

            return text.ToString();
        }
    }
}
