using System;
using System.IO;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Tests.Keys.Formats
{
    /// <summary>
    /// One crafted file per ErrorId, parsed from memory (nothing written). Every error must carry the
    /// file name in its message and as Target.
    /// </summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class PpkErrorTests
    {
        private const string CraftedPath = "/nowhere/crafted key.ppk";
        private readonly PuttygenKeys keys;

        public PpkErrorTests(PuttygenKeys keys) => this.keys = keys;

        [Theory]
        [InlineData("")]
        [InlineData("\u0000\u00ff random bytes \u0001")]
        [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")]
        public void NotAPpkFile(string content) => AssertFails(ErrorIds.NotAPpkFile, Encoding.UTF8.GetBytes(content));

        [Fact]
        public void RandomBinaryIsNotAPpkFile()
        {
            byte[] random = new byte[4096];
            new Random(42).NextBytes(random);
            AssertFails(ErrorIds.NotAPpkFile, random);
        }

        [Theory]
        [InlineData("PuTTY-User-Key-File-4: ssh-ed25519")]
        [InlineData("PuTTY-User-Key-File-1: ssh-rsa")]
        [InlineData("SSH PRIVATE KEY FILE FORMAT 1.1")]
        public void PpkUnsupportedVersion(string firstLine) =>
            AssertFails(ErrorIds.PpkUnsupportedVersion, Crafted(("PuTTY-User-Key-File-3: ssh-ed25519", firstLine)));

        [Theory]
        [InlineData("Encryption: aes256-cbc", "Encryption: aes128-ctr")]
        [InlineData("Key-Derivation: Argon2id", "Key-Derivation: scrypt")]
        public void PpkUnsupportedEncryption(string line, string replacement) =>
            AssertFails(ErrorIds.PpkUnsupportedEncryption, Crafted((line, replacement)));

        [Theory]
        [InlineData("Argon2-Memory: 8192", "Argon2-Memory: 4194304")]
        [InlineData("Argon2-Memory: 8192", "Argon2-Memory: 99999999999999999999999")]
        [InlineData("Argon2-Passes: 1", "Argon2-Passes: 4000000000")]
        [InlineData("Argon2-Parallelism: 1", "Argon2-Parallelism: 16777215")]
        [InlineData("Argon2-Passes: 1", "Argon2-Passes: 5000")] // 8 MiB x 5000 passes: beyond the work bound
        public void PpkKdfTooExpensiveIsRefusedBeforeAllocating(string line, string replacement)
        {
            byte[] content = Crafted((line, replacement));
            long before = AllocationMeter.CurrentThread();

            AssertFails(ErrorIds.PpkKdfTooExpensive, content);

            Assert.True(AllocationMeter.CurrentThread() - before < 1024 * 1024, "the refusal must not allocate the Argon2 memory");
        }

        [Theory]
        [InlineData("Public-Lines: 2", "Public-Lines: 1")] // wrong line count
        [InlineData("Public-Lines: 2", "Public-Lines: 3")]
        [InlineData("Private-Lines: 1", "Private-Lines: 0")]
        [InlineData("AAAAC3NzaC1lZDI1NTE5", "AAAAC3Nz*C1lZDI1NTE5")] // bad base64
        [InlineData("Argon2-Salt: 00112233445566778899aabbccddeeff", "Argon2-Salt: 0011zz")]
        [InlineData("Argon2-Memory: 8192", "Argon2-Memory: 4")] // below Argon2's minimum
        [InlineData("Private-MAC: ", "Private-Hash: ")]
        public void PpkCorruptStructure(string line, string replacement) => AssertFails(ErrorIds.PpkCorrupt, Crafted((line, replacement)));

        [Fact]
        public void PpkCorruptWhenTruncated()
        {
            byte[] whole = Crafted();
            byte[] truncated = new byte[whole.Length * 2 / 3];
            Buffer.BlockCopy(whole, 0, truncated, 0, truncated.Length);
            AssertFails(ErrorIds.PpkCorrupt, truncated);
        }

        [Fact]
        public void KeyTypeUnsupportedForEd448() =>
            AssertFails(ErrorIds.KeyTypeUnsupported, Crafted(("PuTTY-User-Key-File-3: ssh-ed25519", "PuTTY-User-Key-File-3: ssh-ed448")));

        [RequiresToolsFact("puttygen")]
        public void PpkCorruptWhenAnUnencryptedFileWasEdited()
        {
            // A real puttygen file whose comment was changed by hand: the MAC no longer matches.
            string text = File.ReadAllText(keys.Master("ed25519"), Encoding.UTF8).Replace("Comment: ed25519 master key", "Comment: edited");
            PpkFile file = PpkReader.Parse(Encoding.UTF8.GetBytes(text), CraftedPath);

            AssertError(ErrorIds.PpkCorrupt, Assert.Throws<EspriException>(() => file.Decrypt(null)));
        }

        [RequiresToolsTheory("puttygen")]
        [InlineData("version=2")]
        [InlineData("memory=64,passes=1")]
        public void PpkWrongPassphrase(string ppkParams)
        {
            byte[] content = File.ReadAllBytes(keys.Variant("ecdsa-256", "right one", ppkParams));
            PpkFile file = PpkReader.Parse(content, CraftedPath);

            AssertError(ErrorIds.PpkWrongPassphrase, Assert.Throws<WrongPassphraseException>(() => file.Decrypt(Encoding.UTF8.GetBytes("wrong one"))));
            AssertError(ErrorIds.PassphraseRequired, Assert.Throws<PassphraseRequiredException>(() => file.Decrypt(null)));
        }

        private static void AssertFails(string errorId, byte[] content) =>
            AssertError(errorId, Assert.Throws<EspriException>(() => PpkReader.Parse(content, CraftedPath)));

        private static void AssertError(string errorId, EspriException ex)
        {
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(CraftedPath, ex.Target);
            Assert.Contains(CraftedPath, ex.Message);
        }

        /// <summary>A well-formed encrypted v3 layout with dummy key bytes, then the requested line edits.</summary>
        private static byte[] Crafted(params (string Line, string Replacement)[] edits)
        {
            string publicBase64 = Convert.ToBase64String(new SshWireWriter().WriteString("ssh-ed25519").WriteString(new byte[32]).ToArray());
            string text =
                "PuTTY-User-Key-File-3: ssh-ed25519\n" +
                "Encryption: aes256-cbc\n" +
                "Comment: crafted\n" +
                "Public-Lines: 2\n" +
                publicBase64.Substring(0, 64) + "\n" + publicBase64.Substring(64) + "\n" +
                "Key-Derivation: Argon2id\n" +
                "Argon2-Memory: 8192\n" +
                "Argon2-Passes: 1\n" +
                "Argon2-Parallelism: 1\n" +
                "Argon2-Salt: 00112233445566778899aabbccddeeff\n" +
                "Private-Lines: 1\n" +
                Convert.ToBase64String(new byte[48]) + "\n" +
                "Private-MAC: " + new string('0', 64) + "\n";
            foreach (var (line, replacement) in edits)
            {
                Assert.Contains(line, text);
                text = text.Replace(line, replacement);
            }

            return Encoding.UTF8.GetBytes(text);
        }
    }
}
