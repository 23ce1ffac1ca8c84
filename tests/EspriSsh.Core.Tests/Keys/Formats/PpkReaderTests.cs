using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Tests.Keys.Formats
{
    /// <summary>Files made by the real puttygen, read by us; the expected public line is puttygen -L's.</summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class PpkReaderTests
    {
        private readonly PuttygenKeys keys;

        public PpkReaderTests(PuttygenKeys keys) => this.keys = keys;

        [RequiresToolsTheory("puttygen")]
        [InlineData("ed25519", "pw", "memory=64,passes=1", 3)]
        [InlineData("ed25519", "", "", 3)]
        [InlineData("ed25519", "pw", "version=2", 2)]
        [InlineData("ed25519", "", "version=2", 2)]
        [InlineData("rsa-2048", "pw", "kdf=argon2i,memory=64,passes=2", 3)]
        [InlineData("rsa-1500", "pw", "version=2", 2)]
        [InlineData("rsa-3072", "pw", "kdf=argon2d,memory=128,passes=1", 3)]
        [InlineData("ecdsa-256", "pw", "kdf=argon2d,memory=64,passes=1", 3)]
        [InlineData("ecdsa-384", "pw", "version=2", 2)]
        [InlineData("ecdsa-521", "pw", "kdf=argon2id,memory=256,passes=2,parallelism=4", 3)]
        [InlineData("ecdsa-521", "", "", 3)]
        [InlineData("dsa", "pw", "version=2", 2)]
        [InlineData("dsa", "pw", "kdf=argon2i,memory=64,passes=1,parallelism=2", 3)]
        public void ReadsPuttygenFiles(string spec, string passphrase, string ppkParams, int version)
        {
            string path = keys.Variant(spec, passphrase, ppkParams);

            PpkFile file = PuttygenKeys.Read(path);
            SshPrivateKey key = file.Decrypt(Encoding.UTF8.GetBytes(passphrase));

            string expected = keys.PublicLine(path);
            Assert.Equal(version, file.Version);
            Assert.Equal(passphrase.Length > 0, file.IsEncrypted);
            Assert.Equal(expected, file.PublicKey.ToLine());
            Assert.Equal(expected, key.PublicKey.ToLine());
            Assert.Equal(spec + " master key", key.Comment);
        }

        [RequiresToolsFact("puttygen")]
        public void ReadsPuttygenDefaultArgon2idFile()
        {
            string path = keys.Variant("ed25519", "default settings", "");
            PpkFile file = PuttygenKeys.Read(path);

            SshPrivateKey key = file.Decrypt(Encoding.UTF8.GetBytes("default settings"));

            Assert.Equal(8192, file.Kdf!.MemoryKiB);
            Assert.Equal(EspriSsh.Core.Crypto.Argon2Type.Argon2id, file.Kdf.Type);
            Assert.Equal(keys.PublicLine(path), key.PublicKey.ToLine());
        }

        [RequiresToolsTheory("puttygen")]
        [InlineData("version=2")]
        [InlineData("memory=64,passes=1")]
        public void UnicodePassphraseAndCommentAsPuttyStoresThem(string ppkParams)
        {
            const string passphrase = "pässwörd 日本 ✓";
            const string comment = "clé de Zoë   日本 (portable)";
            string path = keys.Variant("ed25519", passphrase, ppkParams, comment);

            SshPrivateKey key = PuttygenKeys.Read(path).Decrypt(Encoding.UTF8.GetBytes(passphrase));

            Assert.Equal(comment, key.Comment);
            Assert.Equal(keys.PublicLine(path), key.PublicKey.ToLine());
        }

        [RequiresToolsTheory("puttygen")]
        [InlineData("\r\n")]
        [InlineData("\r")]
        public void AcceptsCrlfAndCrLineEndings(string newline)
        {
            string path = keys.Variant("ecdsa-256", "pw", "memory=64,passes=1", "windows notepad copy");
            byte[] converted = Encoding.UTF8.GetBytes(File.ReadAllText(path, Encoding.UTF8).Replace("\n", newline));

            SshPrivateKey key = PpkReader.Parse(converted, path).Decrypt(Encoding.UTF8.GetBytes("pw"));

            Assert.Equal(keys.PublicLine(path), key.PublicKey.ToLine());
        }

        [RequiresToolsFact("puttygen")]
        public void MapsRsaPrivatePartsOntoTheModel()
        {
            // PPK keeps e,n public and d,p,q,iqmp private; check the numbers hang together.
            var rsa = (RsaPrivateKey)PuttygenKeys.Read(keys.Variant("rsa-2048", "", "")).Decrypt(null);
            var n = Unsigned(rsa.Modulus);
            var p = Unsigned(rsa.P);
            var q = Unsigned(rsa.Q);
            var iqmp = Unsigned(rsa.InverseQ);

            Assert.Equal(n, p * q);
            Assert.Equal(BigInteger.One, iqmp * q % p);
            Assert.Equal(2048, rsa.Bits);
        }

        // Big-endian magnitude to a positive integer (BigInteger reads little-endian two's complement).
        private static BigInteger Unsigned(byte[] bigEndian) => new BigInteger(bigEndian.Reverse().Concat(new byte[] { 0 }).ToArray());
    }
}
