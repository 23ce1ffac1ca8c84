using System;
using System.Linq;
using EspriSsh.Core.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace EspriSsh.Core.Tests.Crypto
{
    /// <summary>
    /// RFC 9106 §5 vectors on every compression path this machine has (AVX-512, AVX2, scalar), plus
    /// an independent implementation.
    /// </summary>
    [Collection(ProcessStateCollection.Name)]
    public sealed class Argon2Tests
    {
        // A path goes by its name: the enum is internal, and a public test method cannot take it.
        public static TheoryData<Argon2Type, string, string> RfcVectors()
        {
            var data = new TheoryData<Argon2Type, string, string>();
            foreach (string path in Argon2Compression.AvailablePaths.Select(p => p.ToString()))
            {
                data.Add(Argon2Type.Argon2d, "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb", path);
                data.Add(Argon2Type.Argon2i, "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8", path);
                data.Add(Argon2Type.Argon2id, "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", path);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(RfcVectors))]
        public void MatchesRfc9106Vectors(Argon2Type type, string expectedHex, string path)
        {
            var compression = (Argon2Compression.CompressionPath)Enum.Parse(typeof(Argon2Compression.CompressionPath), path);
            byte[] tag = WithCompression(compression, () => Argon2.Hash(
                type, Fill(32, 0x01), Fill(16, 0x02), memoryKiB: 32, passes: 3, parallelism: 4, tagLength: 32,
                secret: Fill(8, 0x03), associatedData: Fill(12, 0x04)));

            Assert.Equal(expectedHex, Hex(tag));
        }

        /// <summary>PPK's shape (80-byte tag, no secret) and odd sizes, against BouncyCastle's independent Argon2.</summary>
        [Theory]
        [InlineData(Argon2Type.Argon2id, 8192, 2, 1, 80)]
        [InlineData(Argon2Type.Argon2i, 1000, 3, 3, 80)]
        [InlineData(Argon2Type.Argon2d, 64, 1, 2, 17)]
        [InlineData(Argon2Type.Argon2id, 256, 4, 1, 100)]
        public void MatchesBouncyCastle(Argon2Type type, int memoryKiB, int passes, int lanes, int tagLength)
        {
            byte[] password = System.Text.Encoding.UTF8.GetBytes("pässwörd");
            byte[] salt = Enumerable.Range(1, 16).Select(i => (byte)(i * 7)).ToArray();
            var generator = new Argon2BytesGenerator();
            generator.Init(new Argon2Parameters.Builder((int)type)
                .WithVersion(Argon2Parameters.Version13).WithMemoryAsKB(memoryKiB).WithIterations(passes)
                .WithParallelism(lanes).WithSalt(salt).Build());
            byte[] expected = new byte[tagLength];
            generator.GenerateBytes(password, expected);

            foreach (Argon2Compression.CompressionPath path in Argon2Compression.AvailablePaths)
            {
                byte[] tag = WithCompression(path, () => Argon2.Hash(type, password, salt, memoryKiB, passes, lanes, tagLength));
                Assert.Equal(Hex(expected), Hex(tag));
            }
        }

        [Fact]
        public void ReportsProgressUpToOne()
        {
            var seen = new System.Collections.Generic.List<double>();
            Argon2.Hash(Argon2Type.Argon2id, new byte[1], new byte[16], 64, 2, 1, 32, progress: seen.Add);
            Assert.Equal(8, seen.Count);
            Assert.Equal(1.0, seen.Last());
        }

        private static T WithCompression<T>(Argon2Compression.CompressionPath path, Func<T> run)
        {
            Argon2Compression.CompressionPath saved = Argon2Compression.Path;
            Argon2Compression.Path = path;
            try
            {
                return run();
            }
            finally
            {
                Argon2Compression.Path = saved;
            }
        }

        private static byte[] Fill(int count, byte value) => Enumerable.Repeat(value, count).ToArray();

        private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2")));
    }
}
