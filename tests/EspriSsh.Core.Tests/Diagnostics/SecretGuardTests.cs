using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Diagnostics;

namespace EspriSsh.Core.Tests.Diagnostics
{
    /// <summary>The report's last line of defence, against keys made by the real tools.</summary>
    public class SecretGuardTests
    {
        private static string[] BodyLines(string path) => File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal) && !l.Contains(':'))
            .ToArray();

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("ed25519", "")]
        [InlineData("rsa", "-m PEM")]
        [InlineData("ecdsa", "-m PKCS8")]
        public void EveryLongBodyLineOfAnOpenSshOrPemKeyIsRedacted(string type, string format)
        {
            using var dir = new TempDirectory();
            string key = dir.File("id_" + type);
            var args = new[] { "-q", "-t", type, "-N", "pass phrase", "-a", "2", "-C", "guard", "-f", key }
                .Concat(format.Length == 0 ? Array.Empty<string>() : format.Split(' ')).ToArray();
            ExternalTool.Check("ssh-keygen", args);
            string[] body = BodyLines(key);
            string publicLine = File.ReadAllText(key + ".pub").Trim();
            string text = "before\n" + string.Join("\n", body.Select(l => "    " + l)) + "\n" + publicLine + "\nafter\n";

            string scrubbed = SecretGuard.ForDirectory(dir.Path, Array.Empty<string>()).Scrub(text, out int redacted);

            foreach (string line in body.Where(l => l.Length >= PrivateKeyText.MinimumSecretLineLength))
            {
                Assert.DoesNotContain(line, scrubbed);
            }

            Assert.Equal(body.Count(l => l.Length >= PrivateKeyText.MinimumSecretLineLength), redacted);
            Assert.Contains(publicLine, scrubbed);
            Assert.Contains("before", scrubbed);
            Assert.Contains("after", scrubbed);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void TheWholeBodyOnOneLineIsRedactedToo()
        {
            using var dir = new TempDirectory();
            string key = dir.File("id_ed25519");
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
            string joined = string.Concat(BodyLines(key));

            string scrubbed = SecretGuard.ForDirectory(dir.Path, Array.Empty<string>()).Scrub("x " + joined + " y", out int redacted);

            Assert.Equal(1, redacted);
            Assert.DoesNotContain(joined.Substring(0, 40), scrubbed);
        }

        [RequiresToolsFact("puttygen")]
        public void ThePrivateLinesOfAPpkAreRedactedAndItsPublicLinesKept()
        {
            using var dir = new TempDirectory();
            string ppk = dir.File("key.ppk");
            ExternalTool.Check("puttygen", "-t", "ed25519", "-O", "private", "-o", ppk, "--new-passphrase", "/dev/null");
            string[] lines = File.ReadAllLines(ppk);
            int privateAt = Array.FindIndex(lines, l => l.StartsWith("Private-Lines:", StringComparison.Ordinal));
            int count = int.Parse(lines[privateAt].Split(':')[1].Trim());
            string[] privateLines = lines.Skip(privateAt + 1).Take(count).ToArray();
            int publicAt = Array.FindIndex(lines, l => l.StartsWith("Public-Lines:", StringComparison.Ordinal));
            string publicLine = lines[publicAt + 1];

            string scrubbed = SecretGuard.ForDirectory(dir.Path, Array.Empty<string>())
                .Scrub(string.Join("\n", lines), out int redacted);

            Assert.True(redacted >= privateLines.Count(l => l.Length >= PrivateKeyText.MinimumSecretLineLength));
            foreach (string line in privateLines.Where(l => l.Length >= PrivateKeyText.MinimumSecretLineLength))
            {
                Assert.DoesNotContain(line, scrubbed);
            }

            Assert.Contains(publicLine, scrubbed);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void KeysNamedOutsideTheDirectoryAreCovered()
        {
            using var ssh = new TempDirectory();
            using var elsewhere = new TempDirectory();
            string key = elsewhere.File("work_key");
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
            string line = BodyLines(key)[1];

            string scrubbed = SecretGuard.ForDirectory(ssh.Path, new[] { key }).Scrub(line, out int redacted);

            Assert.Equal(1, redacted);
            Assert.Equal(SecretGuard.Redacted, scrubbed);
        }
    }
}
