using System;
using System.IO;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Connection
{
    public class HostKeyVerifierTests
    {
        private static (string Type, string Base64, byte[] Blob, string Fingerprint) HostKey(TempDirectory dir, string name, string type = "ed25519")
        {
            string path = dir.File(name);
            ExternalTool.Check("ssh-keygen", "-q", "-t", type, "-N", "", "-f", path);
            string[] parts = File.ReadAllText(path + ".pub").Trim().Split(' ');
            string fingerprint = ExternalTool.Check("ssh-keygen", "-l", "-E", "sha256", "-f", path + ".pub").Split(' ')[1];
            return (parts[0], parts[1], Convert.FromBase64String(parts[1]), fingerprint);
        }

        private static HostKeyVerifier Verifier(string knownHosts, params HostKeyFingerprint[] published) =>
            new HostKeyVerifier(KnownHostsFile.Parse(knownHosts, "known_hosts"), published);

        [RequiresToolsFact("ssh-keygen")]
        public void TrustsTheRecordedKeyAndNamesTheLine()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "a");
            HostKeyVerdict verdict = Verifier($"# c\nspirit1.ipsl.fr {key.Type} {key.Base64}\n").Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(HostKeyTrust.Trusted, verdict.Trust);
            Assert.True(verdict.InKnownHosts);
            Assert.Equal(key.Fingerprint, verdict.Fingerprint);
            Assert.Equal("known_hosts line 2", verdict.Source);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AnotherKeyOfTheSameTypeIsAMismatchNamingTheExpectedFingerprint()
        {
            using var dir = new TempDirectory();
            var recorded = HostKey(dir, "a");
            var presented = HostKey(dir, "b");
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {recorded.Type} {recorded.Base64}\n").Verify("spirit1.ipsl.fr", 22, presented.Type, presented.Blob);
            Assert.Equal(HostKeyTrust.Mismatch, verdict.Trust);
            Assert.Equal(new[] { recorded.Fingerprint }, verdict.ExpectedFingerprints);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AKeyOfAnotherTypeIsUnknownWithANote()
        {
            using var dir = new TempDirectory();
            var recorded = HostKey(dir, "a", "ecdsa");
            var presented = HostKey(dir, "b");
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {recorded.Type} {recorded.Base64}\n").Verify("spirit1.ipsl.fr", 22, presented.Type, presented.Blob);
            Assert.Equal(HostKeyTrust.Unknown, verdict.Trust);
            Assert.Contains(verdict.Notes, n => n.Contains("ecdsa-sha2-nistp256"));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void RevokedWinsOverARecordedLine()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "a");
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {key.Type} {key.Base64}\n@revoked * {key.Type} {key.Base64}\n")
                .Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(HostKeyTrust.Revoked, verdict.Trust);
            Assert.Equal("known_hosts line 2", verdict.Source);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void ReportsCertAuthorityLinesItDoesNotCheck()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "a");
            var ca = HostKey(dir, "ca");
            HostKeyVerdict verdict = Verifier($"@cert-authority *.ipsl.fr {ca.Type} {ca.Base64}\n").Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(HostKeyTrust.Unknown, verdict.Trust);
            Assert.Contains(verdict.Notes, n => n.Contains("@cert-authority"));
        }

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData(true, true)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        public void UsesTheFingerprintsTheSitePublishes(bool matching, bool withPrefix)
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "a");
            var other = HostKey(dir, "b");
            string published = (matching ? key : other).Fingerprint;
            var fingerprint = new HostKeyFingerprint
            {
                HostName = "spirit1.ipsl.fr",
                KeyType = key.Type,
                Fingerprint = withPrefix ? published : published.Substring("SHA256:".Length),
            };

            HostKeyVerdict verdict = Verifier("", fingerprint).Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(matching ? HostKeyTrust.Trusted : HostKeyTrust.Mismatch, verdict.Trust);
            Assert.False(verdict.InKnownHosts);
            Assert.Equal(matching, verdict.MatchesPublishedFingerprint);
            Assert.Equal(KeyFingerprint.Sha256(key.Blob), verdict.Fingerprint);
        }
    }
}
