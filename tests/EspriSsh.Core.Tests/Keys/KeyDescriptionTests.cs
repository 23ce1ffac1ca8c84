using System.IO;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>Fingerprint and randomart must be exactly what ssh-keygen -l / -lv print.</summary>
    public class KeyDescriptionTests
    {
        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("ed25519", new string[0])]
        [InlineData("ed25519", new[] { "-Z", "aes256-ctr" })]
        [InlineData("rsa", new[] { "-b", "2048" })]
        [InlineData("rsa", new[] { "-b", "3072" })]
        [InlineData("ecdsa", new[] { "-b", "256" })]
        [InlineData("ecdsa", new[] { "-b", "384" })]
        [InlineData("ecdsa", new[] { "-b", "521" })]
        public void FingerprintAndRandomArtEqualSshKeygens(string type, string[] extra)
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", type, "", extra);
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(path, null).Key;
            KeyInfo info = KeyInfo.Describe(key, path, encrypted: false, new string[0]);

            string[] listing = ExternalTool.Check(SshKeygen.Tool, "-lv", "-f", path + ".pub").TrimEnd('\n').Split('\n');
            string[] summary = listing[0].Split(' ');
            Assert.Equal(summary[0], info.Bits.ToString());
            Assert.Equal(summary[1], info.Fingerprint);
            Assert.Equal(string.Join("\n", listing.Skip(1)), info.RandomArt);
            Assert.Equal(File.ReadAllText(path + ".pub").Trim(), info.PublicKey);
        }

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("ecdsa", new[] { "-b", "384" })]
        [InlineData("rsa", new[] { "-b", "2048", "-m", "PEM" })]
        public void OurWriterRewritesAnyReadKeySoSshKeygenAgrees(string type, string[] extra)
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", type, "", extra);
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(path, null).Key;
            string ours = dir.File("ours");
            File.WriteAllBytes(ours, OpenSshPrivateKeyWriter.Write(key, System.Text.Encoding.UTF8.GetBytes("pw pw"), rounds: 1));
            UnixModes.MakePrivate(ours);

            Assert.Equal(SshKeygen.PublicLineWithoutComment(path + ".pub"), SshKeygen.PublicFromPrivate(ours, "pw pw"));
        }
    }
}
