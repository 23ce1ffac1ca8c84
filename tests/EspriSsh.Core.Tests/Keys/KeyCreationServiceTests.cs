using System.IO;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Keys
{
    public class KeyCreationServiceTests
    {
        private static SiteProfile Site => SiteProfileLoader.Default;

        [Theory]
        [InlineData(NewKeyType.Dsa, null)]
        [InlineData(NewKeyType.Ecdsa, null)]
        [InlineData(NewKeyType.Ecdsa, 521)]
        [InlineData(NewKeyType.Rsa, 2048)]
        [InlineData(NewKeyType.Rsa, 3072)]
        public void RefusesWhatTheSiteRefuses(NewKeyType type, int? bits)
        {
            using var dir = new TempDirectory();
            var ex = Assert.Throws<EspriException>(() => KeyCreationService.Plan(new KeyCreationRequest { Type = type, Bits = bits, SshDirectory = dir.Path }, Site));
            Assert.Equal(ErrorIds.KeyTypeRefused, ex.ErrorId);
            Assert.Contains("ED25519", ex.Message);
        }

        [Fact]
        public void Ed25519IsSilentAndGoesToIdEd25519()
        {
            using var dir = new TempDirectory();
            KeyCreationPlan plan = KeyCreationService.Plan(new KeyCreationRequest { SshDirectory = dir.Path, Comment = "c" }, Site);
            Assert.Empty(plan.Warnings);
            Assert.Equal(Path.Combine(dir.Path, "id_ed25519"), plan.Path);
            Assert.Equal(24, plan.Rounds);
        }

        [Fact]
        public void RsaIs4096WithTheSiteWarningAndGoesToIdRsa()
        {
            using var dir = new TempDirectory();
            KeyCreationPlan plan = KeyCreationService.Plan(new KeyCreationRequest { Type = NewKeyType.Rsa, SshDirectory = dir.Path }, Site);
            Assert.Equal(4096, plan.Bits);
            Assert.Equal(Path.Combine(dir.Path, "id_rsa"), plan.Path);
            Assert.Contains(plan.Warnings, w => w.Contains("June 2024"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(501)]
        public void RoundsOutOfRangeAreInvalidParameter(int rounds)
        {
            var ex = Assert.Throws<EspriException>(() => KeyCreationService.Plan(new KeyCreationRequest { SshDirectory = "/tmp", Rounds = rounds }, Site));
            Assert.Equal(ErrorIds.InvalidParameter, ex.ErrorId);
        }

        [Fact]
        public void AnExistingPublicKeyAloneBlocksWithoutForce()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("id_ed25519.pub"), "x");
            var ex = Assert.Throws<EspriException>(() => KeyCreationService.Plan(new KeyCreationRequest { SshDirectory = dir.Path }, Site));
            Assert.Equal(ErrorIds.KeyFileExists, ex.ErrorId);
            Assert.True(KeyCreationService.Plan(new KeyCreationRequest { SshDirectory = dir.Path, Force = true }, Site).ReplacesExisting);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void CreateWritesAPairSshKeygenReadsAndReportsProgress()
        {
            using var dir = new TempDirectory();
            KeyCreationPlan plan = KeyCreationService.Plan(new KeyCreationRequest { SshDirectory = dir.Path, Comment = "me@here", Rounds = 3 }, Site);
            int calls = 0;
            KeyInfo info = KeyCreationService.Create(plan, System.Text.Encoding.UTF8.GetBytes("secret"), (step, fraction) => calls++);
            Assert.True(info.Encrypted);
            Assert.Equal("me@here", info.Comment);
            Assert.Equal(4, calls);
            Assert.Equal(SshKeygen.PublicLineWithoutComment(info.PublicKeyPath), SshKeygen.PublicFromPrivate(info.Path, "secret"));
        }
    }
}
