using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Tests.Config
{
    public class SshConfigRoundTripTests
    {
        private static readonly string[] Fragments =
        {
            "Host", "host", "HOST", "Match", "Include", "HostName", "User", "IdentityFile", "ProxyJump", "ProxyCommand", "ForwardAgent",
            " ", "  ", "\t", "=", " = ", "\"", "'", "\\", "#", "# comment", "*", "?", "!", "%h", "%%", "~/.ssh/id_ed25519",
            "\"C:\\Program Files\\key\"", "yes", "no", "é", "日本", "\u00a0", "\r", "\f", "spirit1", ",", "exec \"true\"",
        };

        private static readonly string[] Endings = { "\n", "\r\n", "\r\n", "\n\n", "\r", "" };

        [Fact]
        public void ParseThenWriteGivesBackTheSameBytesForGeneratedFiles()
        {
            var random = new Random(20261125);
            for (int n = 0; n < 3000; n++)
            {
                byte[] input = Generate(random);
                byte[] output = SshConfigDocument.Parse(input).ToBytes();
                Assert.True(input.SequenceEqual(output), $"round trip changed file #{n}: {Convert.ToBase64String(input)}");
            }
        }

        [Fact]
        public void ChangingTheBytesGivenOutLeavesTheDocumentAsItWas()
        {
            byte[] input = Encoding.UTF8.GetBytes("Host spirit1\n    User alice\n");
            SshConfigDocument document = SshConfigDocument.Parse(input);

            byte[] given = document.ToBytes();
            given[0] = (byte)'#';

            Assert.Equal(input, document.ToBytes());
        }

        [Fact]
        public void ParseThenWriteGivesBackTheSameBytesForRealConfigsOnThisMachine()
        {
            var files = new[] { "/etc/ssh/ssh_config", "/etc/ssh/sshd_config" }
                .Concat(Directory.Exists("/etc/ssh/ssh_config.d") ? Directory.GetFiles("/etc/ssh/ssh_config.d") : Array.Empty<string>())
                .Where(File.Exists).ToList();
            Assert.NotEmpty(files);
            foreach (string file in files)
            {
                byte[] input = File.ReadAllBytes(file);
                Assert.Equal(input, SshConfigDocument.Parse(input).ToBytes());
            }
        }

        [Theory]
        [InlineData("Host=x", "Host", new[] { "x" })]
        [InlineData("  HostName = spirit1.ipsl.fr  ", "HostName", new[] { "spirit1.ipsl.fr" })]
        [InlineData("\tIdentityFile \"/a b/c\" # mine", "IdentityFile", new[] { "/a b/c" })]
        [InlineData("User\t=\tbob", "User", new[] { "bob" })]
        [InlineData("Host a b\\ c !d", "Host", new[] { "a", "b c", "!d" })]
        [InlineData("IdentityFile 'C:\\Users\\me\\key'", "IdentityFile", new[] { "C:\\Users\\me\\key" })]
        public void SplitsKeywordAndArgumentsAsSshDoes(string text, string keyword, string[] arguments)
        {
            SshConfigLine line = SshConfigLine.Parse(text, "\n");
            Assert.Equal(SshConfigLineKind.Directive, line.Kind);
            Assert.Equal(keyword, line.Keyword);
            Assert.Equal(arguments, line.Arguments);
        }

        [Fact]
        public void KeepsBomAndNonUtf8BytesAndReportsTheBom()
        {
            byte[] input = { 0xEF, 0xBB, 0xBF, (byte)'H', (byte)'o', (byte)'s', (byte)'t', (byte)' ', 0xFF, 0xFE, (byte)'\r', (byte)'\n' };
            SshConfigDocument doc = SshConfigDocument.Parse(input);
            Assert.True(doc.HasBom);
            Assert.Equal("Host", doc.Lines[0].Keyword);
            Assert.Equal("\r\n", doc.Lines[0].LineEnding);
            Assert.Equal(input, doc.ToBytes());
        }

        [Fact]
        public void QuotedValuesReadBackAsWritten()
        {
            foreach (string value in new[] { "a b", "C:\\Program Files\\OpenSSH\\ssh.exe", "x\"y", "end\\", "it's", "#hash", "a\\\\b", "\\\"" })
            {
                string quoted = SshConfigLineParser.Quote(value);
                Assert.Equal(new[] { value }, SshConfigLine.Parse("IdentityFile " + quoted, "").Arguments);
            }
        }

        private static byte[] Generate(Random random)
        {
            var text = new StringBuilder();
            int lines = random.Next(0, 12);
            for (int l = 0; l < lines; l++)
            {
                int parts = random.Next(0, 7);
                for (int p = 0; p < parts; p++)
                {
                    text.Append(Fragments[random.Next(Fragments.Length)]);
                }

                text.Append(Endings[random.Next(Endings.Length)]);
            }

            var bytes = new List<byte>();
            if (random.Next(5) == 0)
            {
                bytes.AddRange(new byte[] { 0xEF, 0xBB, 0xBF });
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(text.ToString()));
            if (random.Next(6) == 0 && bytes.Count > 0)
            {
                // A byte that is not valid UTF-8 (a Latin-1 file, a corrupted one).
                bytes.Insert(random.Next(bytes.Count), (byte)random.Next(0x80, 0x100));
            }

            return bytes.ToArray();
        }
    }
}
