using System.IO;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Keys
{
    public class KeyLocationAdviceTests
    {
        [Theory]
        [InlineData("id_ed25519")]
        [InlineData("id_rsa")]
        [InlineData("id_ecdsa")]
        public void AKeyUnderANameSshTriesInTheSshFolderNeedsNothing(string name)
        {
            string ssh = Path.Combine(Path.GetTempPath(), "home", ".ssh");
            Assert.Null(KeyLocationAdvice.For(Path.Combine(ssh, name), ssh));
        }

        [Theory]
        [InlineData(".ssh", "id_espri")]
        [InlineData(".ssh", "meso_key")]
        [InlineData("Desktop", "id_ed25519")]
        public void AnyOtherNameOrFolderGetsTheSetEspriSshConfigCommand(string folder, string name)
        {
            string home = Path.Combine(Path.GetTempPath(), "home");
            string key = Path.Combine(home, folder, name);
            string advice = KeyLocationAdvice.For(key, Path.Combine(home, ".ssh"));
            Assert.NotNull(advice);
            Assert.Contains($"Set-EspriSshConfig -User <your login> -IdentityFile '{key}'", advice);
        }
    }
}
