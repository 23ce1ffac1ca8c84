using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>Include graphs a hostile or careless config can build, with ssh -G as the reference where it answers.</summary>
    public class SshConfigIncludeLimitsTests
    {
        private static (TempDirectory Home, string Ssh, SshResolveOptions Options) Sandbox()
        {
            var home = new TempDirectory();
            string ssh = Path.Combine(home.Path, ".ssh");
            Directory.CreateDirectory(Path.Combine(ssh, "conf.d"));
            return (home, ssh, new SshResolveOptions { Home = home.Path, LocalUser = "me" });
        }

        [RequiresToolsFact("ssh")]
        public void GlobsThatIncludeEachOtherAreRefusedAsSshRefusesThem()
        {
            var (home, ssh, options) = Sandbox();
            using (home)
            {
                foreach (string name in new[] { "a", "b", "c" })
                {
                    File.WriteAllText(Path.Combine(ssh, "conf.d", name), $"Include conf.d/*\nHost x\n  User {name}\n");
                }

                string config = Path.Combine(ssh, "config");
                File.WriteAllText(config, "Include conf.d/*\n");
                var reference = ExternalTool.RunWithEnvironment("ssh", new System.Collections.Generic.Dictionary<string, string> { ["HOME"] = home.Path }, "-G", "-F", config, "x");
                Assert.NotEqual(0, reference.ExitCode);
                Assert.Contains("Too many recursive configuration includes", reference.Error);

                var error = Assert.Throws<EspriException>(() => SshConfigResolver.Resolve(config, "x", options));
                Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
                Assert.Contains("Too many recursive configuration includes", error.Message);
                Assert.Contains("includes itself", error.Message);
                // The inspector walks each file once and ends.
                Assert.Equal(4, SshConfigInspector.WithIncludes(SshConfigDocument.Load(config)!, home.Path).Count());
            }
        }

        [RequiresToolsFact("ssh")]
        public void ALayeredIncludeGraphIsReadOnceFileByFileAndResolvesAsSshDoes()
        {
            // 12 levels of two files each including the next level's "*": ssh reads 2^12 paths through
            // the graph; reading each file once gives the same answer from 24 reads.
            var (home, ssh, options) = Sandbox();
            using (home)
            {
                const int levels = 12;
                for (int level = 0; level < levels; level++)
                {
                    foreach (string side in new[] { "a", "b" })
                    {
                        string next = level + 1 < levels ? $"Include conf.d/l{level + 1}_*\n" : "Host x\n  User deepest\n  IdentityFile ~/.ssh/k\n";
                        File.WriteAllText(Path.Combine(ssh, "conf.d", $"l{level}_{side}"), next);
                    }
                }

                string config = Path.Combine(ssh, "config");
                File.WriteAllText(config, "Include conf.d/l0_*\n");
                SshGRun reference = SshGRun.Settings(config, "x", home.Path);
                ResolvedHostConfig ours = SshConfigResolver.Resolve(config, "x", options);
                Assert.Equal(reference["user"], ours.User);
                Assert.Equal("deepest", ours.User);
                Assert.Equal(reference.All("identityfile"), ours.IdentityFiles);
                Assert.Equal(1 + (2 * levels), ours.FilesRead.Count);
            }
        }

        [Fact]
        public void MoreIncludedFilesThanTheCapRefuseTheConfig()
        {
            var (home, ssh, options) = Sandbox();
            using (home)
            {
                for (int i = 0; i <= IncludedFiles.MaxFiles; i++)
                {
                    File.WriteAllText(Path.Combine(ssh, "conf.d", "f" + i), "");
                }

                string config = Path.Combine(ssh, "config");
                File.WriteAllText(config, "Host *\n  Include conf.d/*\n");
                var error = Assert.Throws<EspriException>(() => SshConfigResolver.Resolve(config, "x", options));
                Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
                Assert.Contains($"more than {IncludedFiles.MaxFiles} files", error.Message);
                Assert.Contains(config + " line 2", error.Message);
                Assert.Throws<EspriException>(() => SshConfigInspector.WithIncludes(SshConfigDocument.Load(config)!, home.Path).Count());
            }
        }

        [Fact]
        public void AGlobThatWouldWalkTooManyEntriesIsRefused()
        {
            var (home, ssh, options) = Sandbox();
            using (home)
            {
                string wide = Path.Combine(ssh, "wide");
                Directory.CreateDirectory(wide);
                for (int i = 0; i <= SshConfigIncludes.MaxGlobEntries; i++)
                {
                    Directory.CreateDirectory(Path.Combine(wide, "d" + i));
                }

                string config = Path.Combine(ssh, "config");
                File.WriteAllText(config, "Include wide/*/config\n");
                var error = Assert.Throws<EspriException>(() => SshConfigResolver.Resolve(config, "x", options));
                Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
                Assert.Contains("wide/*/config", error.Message);
            }
        }
    }
}
