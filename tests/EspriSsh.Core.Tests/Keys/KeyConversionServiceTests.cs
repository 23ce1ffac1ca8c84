using System.IO;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// The proof at engine level: our OpenSSH output read by `ssh-keygen -y -P newpass` equals
    /// `puttygen -L` of the source; our PPK output of an ssh-keygen key, read by puttygen, equals the source.
    /// </summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class KeyConversionServiceTests
    {
        private readonly PuttygenKeys keys;

        public KeyConversionServiceTests(PuttygenKeys keys) => this.keys = keys;

        private static SiteProfile Site => SiteProfileLoader.Default;

        [RequiresToolsTheory("puttygen", "ssh-keygen")]
        [InlineData("ed25519", "memory=64,passes=1", "id_ed25519")]
        [InlineData("rsa-2048", "version=2", "id_rsa")]
        [InlineData("ecdsa-384", "kdf=argon2i,memory=64,passes=1", "id_ecdsa")]
        public void PpkToOpenSshIsWhatPuttygenSees(string spec, string ppkParams, string expectedName)
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant(spec, "old pass", ppkParams, "from PuTTYgen");
            KeyConversionPlan plan = KeyConversionService.Plan(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, Site);
            Assert.Equal(KeyOutputFormat.OpenSsh, plan.OutputFormat);
            Assert.Equal(ssh.File(expectedName), plan.Destination);

            var (key, warnings) = KeyConversionService.Read(plan, Encoding.UTF8.GetBytes("old pass"), Site);
            KeyInfo info = KeyConversionService.Write(plan, key, Encoding.UTF8.GetBytes("new pass"));

            string puttygenLine = keys.PublicLine(source);
            Assert.Equal(SshKeygen.WithoutComment(puttygenLine), SshKeygen.PublicFromPrivate(plan.Destination, "new pass"));
            Assert.Equal(puttygenLine, File.ReadAllText(plan.PublicKeyPath).Trim());
            Assert.Equal("from PuTTYgen", info.Comment);
            Assert.True(info.Encrypted);
            Assert.Equal(spec != "ed25519", warnings.Count > 0); // RSA-2048 and ECDSA are not what the site accepts
        }

        [RequiresToolsTheory("puttygen", "ssh-keygen")]
        [InlineData("ed25519", "pw")]
        [InlineData("rsa", "")]
        public void OpenSshToPpkIsWhatSshKeygenMade(string type, string passphrase)
        {
            using var dir = new TempDirectory();
            string source = SshKeygen.Make(dir, "id_" + type, type, passphrase, type == "rsa" ? new[] { "-b", "2048" } : new string[0]);
            KeyConversionPlan plan = KeyConversionService.Plan(new KeyConversionRequest { SourcePath = source, SshDirectory = dir.Path }, Site);
            Assert.Equal(KeyOutputFormat.Ppk, plan.OutputFormat);
            Assert.Equal(source + ".ppk", plan.Destination);

            var (key, _) = KeyConversionService.Read(plan, passphrase.Length == 0 ? null : Encoding.UTF8.GetBytes(passphrase), Site);
            KeyConversionService.Write(plan, key, Encoding.UTF8.GetBytes("for putty"));

            string fromPuttygen = ExternalTool.Check("puttygen", "-L", plan.Destination, "--old-passphrase", keys.PassphraseFile("for putty")).Trim();
            Assert.Equal(File.ReadAllText(source + ".pub").Trim(), fromPuttygen);
            string decrypted = plan.Destination + ".check";
            ExternalTool.Check("puttygen", plan.Destination, "--old-passphrase", keys.PassphraseFile("for putty"),
                "-O", "private-openssh-new", "-o", decrypted, "--new-passphrase", keys.PassphraseFile(""));
            Assert.Equal(SshKeygen.PublicLineWithoutComment(source + ".pub"), SshKeygen.PublicFromPrivate(decrypted, ""));
        }

        [RequiresToolsFact("puttygen")]
        public void DsaIsRefusedBeforeAnyPassphrase()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("dsa", "pw", "memory=64,passes=1");
            var ex = Assert.Throws<EspriException>(() => KeyConversionService.Plan(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, Site));
            Assert.Equal(ErrorIds.KeyTypeRefused, ex.ErrorId);
            Assert.Contains(source, ex.Message);
            Assert.Empty(Directory.GetFileSystemEntries(ssh.Path));
        }

        [RequiresToolsFact("puttygen")]
        public void ExistingDestinationIsKeyFileExists()
        {
            using var ssh = new TempDirectory();
            File.WriteAllText(ssh.File("id_ed25519"), "precious");
            var ex = Assert.Throws<EspriException>(() => KeyConversionService.Plan(
                new KeyConversionRequest { SourcePath = keys.Master("ed25519"), SshDirectory = ssh.Path }, Site));
            Assert.Equal(ErrorIds.KeyFileExists, ex.ErrorId);
            Assert.Equal("precious", File.ReadAllText(ssh.File("id_ed25519")));
        }

        [Fact]
        public void MissingSourceIsKeyFileNotFound()
        {
            using var dir = new TempDirectory();
            var ex = Assert.Throws<EspriException>(() => KeyConversionService.Plan(new KeyConversionRequest { SourcePath = dir.File("nope.ppk"), SshDirectory = dir.Path }, Site));
            Assert.Equal(ErrorIds.KeyFileNotFound, ex.ErrorId);
            Assert.Equal(dir.File("nope.ppk"), ex.Target);
        }

        [Fact]
        public void UnknownContentIsNotAPpkFile()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("notes.txt"), "my passwords, definitely not a key");
            var ex = Assert.Throws<EspriException>(() => KeyConversionService.Plan(new KeyConversionRequest { SourcePath = dir.File("notes.txt"), SshDirectory = dir.Path }, Site));
            Assert.Equal(ErrorIds.NotAPpkFile, ex.ErrorId);
            Assert.Contains(dir.File("notes.txt"), ex.Message);
        }

        [RequiresToolsFact("puttygen")]
        public void TheDispatcherReadsPpkForEveryCmdlet()
        {
            string source = keys.Variant("ed25519", "pw", "memory=64,passes=1");
            PrivateKeyPeek peek = PrivateKeyFileReader.PeekFile(source);
            PrivateKeyFile file = PrivateKeyFileReader.ReadFile(source, Encoding.UTF8.GetBytes("pw"));

            Assert.Equal(("PPK", true), (peek.Format, peek.Encrypted));
            Assert.Equal(keys.PublicLine(source), peek.PublicKey!.ToLine());
            Assert.Equal(keys.PublicLine(source), file.Key.PublicKey.ToLine());
            Assert.Throws<PassphraseRequiredException>(() => PrivateKeyFileReader.ReadFile(source, null));
        }
    }
}
