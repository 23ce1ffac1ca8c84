using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// The verdicts of ssh's check_host_key, with ssh-keygen's keys and fingerprints. The decisive
    /// cases (a host known by another key type) are also checked against ssh itself in
    /// HostKeyTrust.Tests.ps1, with a real sshd.
    /// </summary>
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

        private static SiteProfile ProfileFile(params HostKeyFingerprint[] published) =>
            new SiteProfile { Source = "/srv/profiles/site.json", HostKeyFingerprints = published.ToList() };

        private static HostKeyVerifier Verifier(string knownHosts, SiteProfile site = null, string globalKnownHosts = "") =>
            new HostKeyVerifier(
                new KnownHosts(new[] { KnownHostsFile.Parse(knownHosts, "known_hosts") }, new[] { KnownHostsFile.Parse(globalKnownHosts, "/etc/ssh/ssh_known_hosts") }),
                site ?? SiteProfileLoader.Default);

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
            Assert.Equal(new[] { "ssh-ed25519 " + recorded.Fingerprint }, verdict.ExpectedFingerprints);
            Assert.Equal(new[] { "known_hosts" }, verdict.RecordedIn);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AHostKnownOnlyByAnotherKeyTypeIsAMismatchNotANewHost()
        {
            using var dir = new TempDirectory();
            var recorded = HostKey(dir, "a", "rsa");
            var presented = HostKey(dir, "b");
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {recorded.Type} {recorded.Base64}\n").Verify("spirit1.ipsl.fr", 22, presented.Type, presented.Blob);
            Assert.Equal(HostKeyTrust.Mismatch, verdict.Trust);
            Assert.Equal(new[] { "ssh-rsa " + recorded.Fingerprint }, verdict.ExpectedFingerprints);
            Assert.Contains(verdict.Notes, n => n.Contains("only ssh-rsa keys") && n.Contains("presented ssh-ed25519"));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void TheSystemKnownHostsFileCountsLikeTheUsers()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "a");
            var other = HostKey(dir, "b", "ecdsa");
            HostKeyVerifier verifier = Verifier("", globalKnownHosts: $"spirit1.ipsl.fr {key.Type} {key.Base64}\n");
            HostKeyVerdict trusted = verifier.Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(HostKeyTrust.Trusted, trusted.Trust);
            Assert.Equal("/etc/ssh/ssh_known_hosts line 1", trusted.Source);
            HostKeyVerdict changed = verifier.Verify("spirit1.ipsl.fr", 22, other.Type, other.Blob);
            Assert.Equal(HostKeyTrust.Mismatch, changed.Trust);
            Assert.Equal(new[] { "/etc/ssh/ssh_known_hosts" }, changed.RecordedIn);
            Assert.Equal(new[] { "ssh-ed25519" }, verifier.KnownKeyTypes("spirit1.ipsl.fr", 22));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AKeyInAnyFileIsTrustedEvenWhenAnotherFileHoldsAnOlderOne()
        {
            using var dir = new TempDirectory();
            var old = HostKey(dir, "a");
            var current = HostKey(dir, "b");
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {old.Type} {old.Base64}\n", globalKnownHosts: $"spirit1.ipsl.fr {current.Type} {current.Base64}\n")
                .Verify("spirit1.ipsl.fr", 22, current.Type, current.Blob);
            Assert.Equal(HostKeyTrust.Trusted, verdict.Trust);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void RevokedWinsOverARecordedLineInAnyFile()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "a");
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {key.Type} {key.Base64}\n", globalKnownHosts: $"@revoked * {key.Type} {key.Base64}\n")
                .Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(HostKeyTrust.Revoked, verdict.Trust);
            Assert.Equal("/etc/ssh/ssh_known_hosts line 1", verdict.Source);
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
        public void UsesTheFingerprintsTheSitePublishesNamingTheProfileFile(bool matching, bool withPrefix)
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

            HostKeyVerdict verdict = Verifier("", ProfileFile(fingerprint)).Verify("spirit1.ipsl.fr", 22, key.Type, key.Blob);
            Assert.Equal(matching ? HostKeyTrust.Trusted : HostKeyTrust.Mismatch, verdict.Trust);
            Assert.False(verdict.InKnownHosts);
            Assert.Equal(matching, verdict.MatchesPublishedFingerprint);
            Assert.Equal(matching ? "/srv/profiles/site.json" : null, verdict.VouchingProfileFile);
            Assert.Contains("/srv/profiles/site.json", verdict.Source);
            Assert.Equal(KeyFingerprint.Sha256(key.Blob), verdict.Fingerprint);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AHostTheSitePublishesUnderAnotherTypeIsAMismatch()
        {
            using var dir = new TempDirectory();
            var published = HostKey(dir, "a", "rsa");
            var presented = HostKey(dir, "b");
            var fingerprint = new HostKeyFingerprint { HostName = "spirit1.ipsl.fr", KeyType = published.Type, Fingerprint = published.Fingerprint };
            HostKeyVerifier verifier = Verifier("", ProfileFile(fingerprint));
            Assert.Equal(HostKeyTrust.Mismatch, verifier.Verify("spirit1.ipsl.fr", 22, presented.Type, presented.Blob).Trust);
            Assert.Equal(new[] { "ssh-rsa" }, verifier.KnownKeyTypes("spirit1.ipsl.fr", 22));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void KnownHostsDecidesBeforeTheSite()
        {
            using var dir = new TempDirectory();
            var recorded = HostKey(dir, "a");
            var vouched = HostKey(dir, "b");
            var fingerprint = new HostKeyFingerprint { HostName = "spirit1.ipsl.fr", KeyType = vouched.Type, Fingerprint = vouched.Fingerprint };
            HostKeyVerdict verdict = Verifier($"spirit1.ipsl.fr {recorded.Type} {recorded.Base64}\n", ProfileFile(fingerprint))
                .Verify("spirit1.ipsl.fr", 22, vouched.Type, vouched.Blob);
            Assert.Equal(HostKeyTrust.Mismatch, verdict.Trust);
            Assert.Equal("known_hosts line 1", verdict.Source);
        }
    }
}
