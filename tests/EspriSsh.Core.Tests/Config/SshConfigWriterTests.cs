using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Config
{
    public class SshConfigWriterTests
    {
        private static SshConfigEditPlan Plan(string config) =>
            new SshConfigEditor(SiteProfileLoader.Default).Plan(config, new SshConfigRequest { User = "alice" });

        [UnixFact("readlink")]
        public void AConfigThatIsALinkIsWrittenThroughItAndStaysALink()
        {
            using var home = new TempDirectory();
            Directory.CreateDirectory(home.File("dotfiles"));
            Directory.CreateDirectory(home.File(".ssh"));
            string real = home.File("dotfiles/ssh_config");
            string config = home.File(".ssh/config");
            File.WriteAllText(real, "Host old\n  User o\n");
            SymbolicLink.Create(home.File("dotfiles/current"), real);
            SymbolicLink.Create(config, "../dotfiles/current"); // relative, and a chain of two links

            ConfigChange change = SshConfigWriter.Apply(Plan(config));

            Assert.True(change.Changed);
            Assert.Equal("../dotfiles/current", ExternalTool.Check("readlink", config).Trim());
            Assert.Contains("Host spirit1", File.ReadAllText(real));
            Assert.Equal(real + ".bak", change.BackupPath);
            Assert.Equal("Host old\n  User o\n", File.ReadAllText(real + ".bak"));
        }

        [UnixFact]
        public void ALinkLoopIsRefusedAndNothingIsWritten()
        {
            using var home = new TempDirectory();
            SymbolicLink.Create(home.File("config"), home.File("other"));
            SymbolicLink.Create(home.File("other"), home.File("config"));

            var ex = Assert.ThrowsAny<EspriException>(() => SshConfigWriter.Apply(Plan(home.File("config"))));

            // ssh itself refuses it ("Can't open user config file ...: Too many levels of symbolic links").
            Assert.True(ErrorIds.ConfigInvalid == ex.ErrorId || ErrorIds.FileUnreadable == ex.ErrorId, ex.Message);
            Assert.Contains("symbolic links", ex.Message);
            Assert.Equal(new[] { home.File("config"), home.File("other") }, Directory.GetFileSystemEntries(home.Path).OrderBy(p => p, StringComparer.Ordinal));
        }
    }
}
