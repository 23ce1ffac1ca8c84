using System;
using System.IO;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Tests.Keys.Formats
{
    public class OpenSshPrivateKeyTests
    {
        private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("ed25519", "", new string[0])]
        [InlineData("ed25519", "pass phrase", new string[0])]
        [InlineData("ed25519", "pw", new[] { "-Z", "aes128-ctr" })]
        [InlineData("ed25519", "pw", new[] { "-Z", "aes192-ctr" })]
        [InlineData("ed25519", "pw", new[] { "-Z", "aes256-cbc" })]
        [InlineData("ed25519", "pw", new[] { "-Z", "aes128-cbc" })]
        [InlineData("ed25519", "pw", new[] { "-Z", "aes256-gcm@openssh.com" })]
        [InlineData("ed25519", "pw", new[] { "-Z", "aes128-gcm@openssh.com" })]
        [InlineData("ed25519", "pw", new[] { "-Z", "chacha20-poly1305@openssh.com" })]
        [InlineData("rsa", "", new[] { "-b", "2048" })]
        [InlineData("rsa", "pw", new[] { "-b", "2048" })]
        [InlineData("ecdsa", "", new[] { "-b", "256" })]
        [InlineData("ecdsa", "pw", new[] { "-b", "384" })]
        [InlineData("ecdsa", "pw", new[] { "-b", "521", "-Z", "chacha20-poly1305@openssh.com" })]
        [InlineData("rsa", "", new[] { "-b", "2048", "-m", "PEM" })]
        [InlineData("rsa", "pem pass", new[] { "-b", "2048", "-m", "PEM" })]
        [InlineData("ecdsa", "", new[] { "-m", "PEM" })]
        [InlineData("ecdsa", "pem-pass", new[] { "-m", "PEM" })]
        [InlineData("rsa", "", new[] { "-b", "2048", "-m", "PKCS8" })]
        public void ReadsWhatSshKeygenWrites(string type, string passphrase, string[] extra)
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", type, passphrase, extra);
            PrivateKeyFile file = PrivateKeyFileReader.ReadFile(path, passphrase.Length == 0 ? null : Utf8(passphrase));
            Assert.Equal(SshKeygen.PublicLineWithoutComment(path + ".pub"), file.Key.PublicKey.ToLine().Split(' ')[0] + " " + file.Key.PublicKey.ToLine().Split(' ')[1]);
            Assert.Equal(passphrase.Length > 0, file.Encrypted);
            int format = Array.IndexOf(extra, "-m");
            bool pem = format >= 0;
            Assert.Equal(!pem ? "OpenSSH" : extra[format + 1] == "PKCS8" ? "PKCS#8" : "PEM", file.Format);
            if (!pem)
            {
                Assert.Equal("made-by-ssh-keygen", file.Key.Comment);
            }
        }

        /// <summary>
        /// DSA keys that ssh-keygen made (OpenSSH 9.8+ no longer can): Fixtures/README.md says how.
        /// The reader must still read them so the site's refusal can name them.
        /// </summary>
        [Theory]
        [InlineData("id_dsa", "OpenSSH")]
        [InlineData("id_dsa_pem", "PEM")]
        public void ReadsDsaKeysSshKeygenMade(string fixture, string format)
        {
            string path = Fixture.Path(fixture);
            PrivateKeyFile file = PrivateKeyFileReader.ReadFile(path, null);
            Assert.Equal(format, file.Format);
            Assert.Equal("ssh-dss", file.Key.PublicKey.KeyType);
            Assert.Equal(SshKeygen.PublicLineWithoutComment(path + ".pub"), string.Join(" ", file.Key.PublicKey.ToLine().Split(' '), 0, 2));
        }

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("ed25519", "")]
        [InlineData("ed25519", "pass phrase é")]
        [InlineData("rsa", "")]
        [InlineData("rsa", "pw")]
        public void SshKeygenReadsWhatWeWrite(string type, string passphrase)
        {
            using var dir = new TempDirectory();
            SshPrivateKey key = type == "rsa" ? KeyGenerator.Rsa(2048, "ours") : KeyGenerator.Ed25519("ours");
            string path = dir.File("key");
            File.WriteAllBytes(path, OpenSshPrivateKeyWriter.Write(key, passphrase.Length == 0 ? null : Utf8(passphrase), rounds: 2));
            UnixModes.MakePrivate(path);

            Assert.Equal(string.Join(" ", key.PublicKey.ToLine().Split(' '), 0, 2), SshKeygen.PublicFromPrivate(path, passphrase));

            // ssh-keygen also re-encrypts it (-p) with a new passphrase: the whole private section is valid for it.
            ExternalTool.Check(SshKeygen.Tool, "-p", "-P", passphrase, "-N", "other", "-a", "2", "-f", path);
            PrivateKeyFile back = PrivateKeyFileReader.ReadFile(path, Utf8("other"));
            Assert.True(back.Key.PublicKey.SameKeyAs(key.PublicKey));
            Assert.Equal("ours", back.Key.Comment);
        }

        [Fact]
        public void RoundTripsEveryKeyTypeAndKeepsTheComment()
        {
            SshPrivateKey key = KeyGenerator.Ed25519("a comment");
            byte[] file = OpenSshPrivateKeyWriter.Write(key, Utf8("pw"), rounds: 1);
            PrivateKeyFile back = PrivateKeyFileReader.Read(file, Utf8("pw"), "mem");
            var ed = Assert.IsType<Ed25519PrivateKey>(back.Key);
            Assert.Equal(((Ed25519PrivateKey)key).Seed, ed.Seed);
            Assert.Equal("a comment", ed.Comment);
            Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", Encoding.ASCII.GetString(file));
        }

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("ed25519", new string[0])]
        [InlineData("ed25519", new[] { "-Z", "aes256-gcm@openssh.com" })]
        [InlineData("ed25519", new[] { "-Z", "chacha20-poly1305@openssh.com" })]
        [InlineData("rsa", new[] { "-b", "2048", "-m", "PEM" })]
        public void AWrongPassphraseIsKeyWrongPassphrase(string type, string[] extra)
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", type, "right", extra);
            var ex = Assert.Throws<WrongPassphraseException>(() => PrivateKeyFileReader.ReadFile(path, Utf8("wrong")));
            Assert.Equal(ErrorIds.KeyWrongPassphrase, ex.ErrorId);
            Assert.Equal(path, ex.Target);
        }

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("RFC4716")]
        [InlineData("PEM")]
        public void NoPassphraseForAnEncryptedKeyIsPassphraseRequired(string keygenFormat)
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", "rsa", "right", "-b", "2048", "-m", keygenFormat);
            var ex = Assert.Throws<PassphraseRequiredException>(() => PrivateKeyFileReader.ReadFile(path, null));
            Assert.Equal(ErrorIds.PassphraseRequired, ex.ErrorId);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void PeekGivesThePublicKeyOfAnEncryptedOpenSshKeyWithoutThePassphrase()
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", "ed25519", "secret");
            PrivateKeyPeek peek = PrivateKeyFileReader.PeekFile(path);
            Assert.True(peek.Encrypted);
            Assert.Equal("OpenSSH", peek.Format);
            Assert.Equal("ssh-ed25519", peek.KeyType);
            Assert.Equal(SshKeygen.PublicLineWithoutComment(path + ".pub"), peek.PublicKey.ToLine());
        }

        [RequiresToolsFact("ssh-keygen")]
        public void PeekOnAnEncryptedPemKeyTellsTypeAndEncryption()
        {
            using var dir = new TempDirectory();
            string path = SshKeygen.Make(dir, "key", "rsa", "secret", "-b", "2048", "-m", "PEM");
            PrivateKeyPeek peek = PrivateKeyFileReader.PeekFile(path);
            Assert.True(peek.Encrypted);
            Assert.Equal("PEM", peek.Format);
            Assert.Equal("ssh-rsa", peek.KeyType);
            Assert.Null(peek.PublicKey);
        }

        [Theory]
        [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x@y\n", "public key")]
        [InlineData("hello\n", "format is not one of")]
        [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "not a readable private key")]
        public void ANonKeyIsKeyFormatInvalid(string content, string messagePart)
        {
            var ex = Assert.Throws<EspriException>(() => PrivateKeyFileReader.Read(Encoding.ASCII.GetBytes(content), null, "f"));
            Assert.Equal(ErrorIds.KeyFormatInvalid, ex.ErrorId);
            Assert.Contains(messagePart, ex.Message);
        }

        [Fact]
        public void AMissingFileIsKeyFileNotFound()
        {
            var ex = Assert.Throws<EspriException>(() => PrivateKeyFileReader.ReadFile("/nonexistent/id_ed25519", null));
            Assert.Equal(ErrorIds.KeyFileNotFound, ex.ErrorId);
        }
    }
}
