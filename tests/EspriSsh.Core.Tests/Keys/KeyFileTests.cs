using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Keys
{
    public class KeyFileTests
    {
        [Theory]
        [InlineData("ssh-ed25519", "id_ed25519")]
        [InlineData("ssh-rsa", "id_rsa")]
        [InlineData("ecdsa-sha2-nistp384", "id_ecdsa")]
        [InlineData("ssh-dss", "id_dsa")]
        [InlineData("sk-ssh-ed25519@openssh.com", null)]
        public void KeysGetTheNamesSshTriesByItself(string keyType, string name) =>
            Assert.Equal(name, KeyFile.DefaultFileName(keyType));

        [Fact]
        public void AMissingKeyFileIsKeyFileNotFound()
        {
            using var dir = new TempDirectory();
            var ex = Assert.Throws<EspriException>(() => KeyFile.Load(dir.File("id_ed25519")));
            Assert.Equal(ErrorIds.KeyFileNotFound, ex.ErrorId);
        }

        [Fact]
        public void AFileOverTheOneLimitIsRefusedByEveryKeyReader()
        {
            using var dir = new TempDirectory();
            string big = dir.File("id_big");
            File.WriteAllText(big, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + new string('A', KeyFile.MaxBytes) + "\n");

            Assert.Equal(ErrorIds.FileTooLarge, Assert.Throws<EspriException>(() => PrivateKeyFileReader.PeekFile(big)).ErrorId);
            Assert.Equal(ErrorIds.FileTooLarge, Assert.Throws<EspriException>(() => PrivateKeyFileReader.ReadFile(big, null)).ErrorId);
            Assert.Equal(ErrorIds.FileTooLarge, Assert.Throws<EspriException>(() =>
                KeyConversionService.Plan(new KeyConversionRequest { SourcePath = big, SshDirectory = dir.Path }, EspriSsh.Core.Site.SiteProfileLoader.Default)).ErrorId);
            Assert.Null(KeyFile.TryLoadText(big));
        }

        [Fact]
        public void AFileAtTheLimitIsRead()
        {
            using var dir = new TempDirectory();
            string file = dir.File("k");
            File.WriteAllBytes(file, new byte[KeyFile.MaxBytes]);
            Assert.Equal(KeyFile.MaxBytes, KeyFile.Load(file).Length);
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void OnePubReaderRepairsUsualDamageAndExplainsTheRest()
        {
            using var dir = new TempDirectory();
            string key = SshKeygen.Make(dir, "id_ed25519", "ed25519", "");
            string line = File.ReadAllText(key + ".pub").Trim();
            File.WriteAllText(key + ".pub", "\"" + line + "\"\r\n");
            File.WriteAllText(dir.File("broken.pub"), "ssh-ed25519 AAAA-not-base64");

            SshPublicKey repaired = PublicKeyFile.TryRead(key + ".pub", out string noProblem);
            SshPublicKey broken = PublicKeyFile.TryRead(dir.File("broken.pub"), out string problem);

            Assert.Null(noProblem);
            Assert.Equal(line, repaired.ToLine());
            Assert.Null(broken);
            Assert.Contains("Copy it again", problem); // no private key "broken" to write it from
            Assert.DoesNotContain(">", problem);
            Assert.Equal(new[] { key + ".pub" }, PublicKeyFile.InDirectory(dir.Path).Select(p => p.Path));
        }
    }
}
