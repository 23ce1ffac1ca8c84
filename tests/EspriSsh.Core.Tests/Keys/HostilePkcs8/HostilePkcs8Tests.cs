using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Keys.HostilePkcs8
{
    /// <summary>
    /// Issue 26 item 8: encrypted PKCS#8 files with one fault each (craft.py, README.md). Given the
    /// right passphrase, a damaged file is KeyFormatInvalid, not KeyWrongPassphrase (the catch-all
    /// said so for an IV of the wrong size or data cut mid-block); only decryption's own verdict (bad
    /// padding, garbage inside) is a wrong passphrase. OpenSSL's verdict on each file is checked too.
    /// </summary>
    public sealed class HostilePkcs8Tests
    {
        private static readonly CraftedFiles Crafted = new CraftedFiles("HostilePkcs8");

        public static IEnumerable<object[]> Files() => Manifest().Select(m => new object[] { m.File });

        // Not iterations_2_31: 2^31 - 1 PBKDF2 iterations would keep OpenSSL busy for hours (EspriSsh refuses it first: KdfTooExpensive).
        public static IEnumerable<object[]> FilesOpenSslFinishes() => Manifest().Where(m => m.Peer != "skip").Select(m => new object[] { m.File });

        [Theory]
        [MemberData(nameof(Files))]
        public void EachFaultHasItsErrorId(string file)
        {
            (string _, string passphrase, string expected, string _) = Manifest().Single(m => m.File == file);
            string path = Crafted.PathOf(file);
            Crafted.AssertCommitted(file);

            if (expected == "ok")
            {
                Assert.Equal("ssh-ed25519", PrivateKeyFileReader.ReadFile(path, Encoding.UTF8.GetBytes(passphrase)).Key.KeyType);
                return;
            }

            EspriException error = Assert.ThrowsAny<EspriException>(() => PrivateKeyFileReader.ReadFile(path, Encoding.UTF8.GetBytes(passphrase)));
            Assert.Equal(expected, error.ErrorId);
            Assert.Equal(expected == ErrorIds.KeyWrongPassphrase, error is WrongPassphraseException);
        }

        [RequiresToolsTheory("openssl")]
        [MemberData(nameof(FilesOpenSslFinishes))]
        public void OpenSslReadsExactlyTheFilesEspriSshReads(string file)
        {
            (string _, string passphrase, string _, string peer) = Manifest().Single(m => m.File == file);
            int exitCode = ExternalTool.Run("openssl", "pkey", "-in", Crafted.PathOf(file), "-passin", "pass:" + passphrase, "-noout").ExitCode;
            Assert.Equal(peer, exitCode == 0 ? "ok" : "fails");
        }

        private static IEnumerable<(string File, string Passphrase, string Espri, string Peer)> Manifest() =>
            Crafted.Rows().Select(f => (f[0], f[1], f[2], f[3]));
    }
}
