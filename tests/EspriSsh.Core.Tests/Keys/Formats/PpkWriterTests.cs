using System.IO;
using System.Text;
using EspriSsh.Core.Crypto;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Tests.Keys.Formats
{
    /// <summary>
    /// Our PPK output judged by puttygen: `puttygen -L --old-passphrase` shows the source's public key,
    /// and puttygen decrypting it (MAC check) to OpenSSH gives a key that signs what the source's
    /// public key verifies, so the private half survived too.
    /// </summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class PpkWriterTests
    {
        private readonly PuttygenKeys keys;

        public PpkWriterTests(PuttygenKeys keys) => this.keys = keys;

        [RequiresToolsTheory("puttygen", "ssh-keygen")]
        [InlineData("ed25519", "pw")]
        [InlineData("rsa-2048", "pässwörd")]
        [InlineData("rsa-1500", "pw")]
        [InlineData("ecdsa-256", "pw")]
        [InlineData("ecdsa-384", "")]
        [InlineData("ecdsa-521", "pw")]
        [InlineData("dsa", "pw")]
        public void PuttygenReadsAndUsesWhatWeWrite(string spec, string passphrase)
        {
            string source = keys.Master(spec);
            SshPrivateKey key = PuttygenKeys.Read(source).Decrypt(null);
            byte[] secret = Encoding.UTF8.GetBytes(passphrase);
            var smallKdf = passphrase.Length == 0 ? null : new PpkKdfParameters(Argon2Type.Argon2id, 64, 1, 1, new byte[16]);
            string ours = Path.Combine(keys.Directory, "ours-" + spec + ".ppk");
            File.WriteAllBytes(ours, PpkWriter.Write(key, secret, smallKdf, null, default));

            AssertPuttygenAccepts(ours, passphrase, keys.PublicLine(source));
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void DefaultSettingsAreArgon2id8MiBOneLane()
        {
            string source = keys.Master("ed25519");
            SshPrivateKey key = PuttygenKeys.Read(source).Decrypt(null);
            key.Comment = "clé de Zoë 日本";
            string ours = Path.Combine(keys.Directory, "ours-default.ppk");
            File.WriteAllBytes(ours, PpkWriter.Write(key, Encoding.UTF8.GetBytes("pw")));

            PpkFile written = PuttygenKeys.Read(ours);
            Assert.Equal(3, written.Version);
            Assert.Equal((Argon2Type.Argon2id, 8192, 1), (written.Kdf!.Type, written.Kdf.MemoryKiB, written.Kdf.Parallelism));
            string sourcePublic = keys.PublicLine(source);
            AssertPuttygenAccepts(ours, "pw", sourcePublic.Substring(0, sourcePublic.LastIndexOf(" ed25519 master key")) + " clé de Zoë 日本");
        }

        private void AssertPuttygenAccepts(string ppk, string passphrase, string expectedPublicLine)
        {
            string passFile = keys.PassphraseFile(passphrase);
            Assert.Equal(expectedPublicLine, ExternalTool.Check("puttygen", "-L", ppk, "--old-passphrase", passFile).Trim());

            string openssh = ppk + ".openssh";
            ExternalTool.Check("puttygen", ppk, "--old-passphrase", passFile, "-O", "private-openssh-new", "-o", openssh, "--new-passphrase", keys.PassphraseFile(""));
            string message = ppk + ".msg", publicFile = ppk + ".pub";
            File.WriteAllText(message, "signed by the private half we wrote");
            File.WriteAllText(publicFile, expectedPublicLine + "\n");
            ExternalTool.Check("ssh-keygen", "-q", "-Y", "sign", "-f", openssh, "-n", "espri-test", message);
            var verify = ExternalTool.RunWithInput("ssh-keygen", File.ReadAllText(message),
                "-Y", "check-novalidate", "-n", "espri-test", "-f", publicFile, "-s", message + ".sig");
            Assert.True(verify.ExitCode == 0, verify.Error + verify.Output);
        }
    }
}
