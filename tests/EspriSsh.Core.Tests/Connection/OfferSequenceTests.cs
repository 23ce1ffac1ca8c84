using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Tests.Agent;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// Which keys go to the server, in which order, under which algorithm: read in sshd's own DEBUG3 log
    /// for real ssh and for the connection test, with the same settings and the same real ssh-agent.
    /// The two sequences must be equal, and so must the verdict.
    /// </summary>
    public sealed class OfferSequenceTests
    {
        private const string Debug3 = "LogLevel DEBUG3";

        private static string NewKey(TempDirectory dir, string name, string type = "ed25519", params string[] extra)
        {
            string path = dir.File(name);

            var args = new List<string> { "-q", "-t", type, "-N", "", "-C", name, "-f", path };
            args.AddRange(extra);
            ExternalTool.Check("ssh-keygen", args.ToArray());
            return path;
        }

        /// <summary>The <paramref name="index"/>th pooled RSA key (distinct indexes, distinct keys).</summary>
        private static string Rsa(TempDirectory dir, string name, int index = 0) => KeyPool.Rsa(dir.File(name), index);

        private static string Pub(string key) => File.ReadAllText(key + ".pub").Trim();

        private static string Fingerprint(string key) => ExternalTool.Check("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").Split(' ')[1];

        /// <summary>A user certificate for <paramref name="key"/> signed by <paramref name="ca"/> (written as key-cert.pub, or at <paramref name="path"/>).</summary>
        private static string Certify(string ca, string key, string path = null)
        {
            ExternalTool.Check("ssh-keygen", "-q", "-s", ca, "-I", "test", "-n", TestSshd.User, key + ".pub");
            if (path != null)
            {
                File.Move(key + "-cert.pub", path);
                return path;
            }

            return key + "-cert.pub";
        }

        private static void AssertSame((int ExitCode, string Error, List<string> Offers) ssh, (ConnectionTestResult Result, List<string> Offers) espri)
        {
            Assert.True(ssh.Offers.Count > 0, "sshd saw no offer from ssh: " + ssh.Error);
            string outcome = $"{(espri.Result.Succeeded ? "logged in" : espri.Result.Reason)}:\n" + string.Join("\n", espri.Result.Stages);
            Assert.True(ssh.Offers.SequenceEqual(espri.Offers),
                $"ssh offered [{string.Join(", ", ssh.Offers)}] but the test [{string.Join(", ", espri.Offers)}], {outcome}");
            Assert.True((ssh.ExitCode == 0) == espri.Result.Succeeded, $"ssh exit {ssh.ExitCode} ({ssh.Error.Trim()}) but the test says {outcome}");
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void ConfiguredAgentKeysThenTheAgentsOthersThenFilesEachOnce()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string rsa = Rsa(dir, "agent_rsa");
            string configured = NewKey(dir, "configured_ed25519");
            string file = NewKey(dir, "file_only");
            agent.Run("ssh-add", rsa);
            agent.Run("ssh-add", configured);
            using var sshd = new TestSshd(new[] { Pub(file) }, Debug3);
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { file, configured } };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(new[] { "ssh-ed25519 " + Fingerprint(configured), "rsa-sha2-512 " + Fingerprint(rsa), "ssh-ed25519 " + Fingerprint(file) }, espri.Offers);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void AServerThatTakesOnlyRsaSha256DeniesBothAsSshPicksRsaSha512()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string rsa = Rsa(dir, "agent_rsa");
            agent.Run("ssh-add", rsa);
            using var sshd = new TestSshd(new[] { Pub(rsa) }, Debug3, "PubkeyAcceptedAlgorithms rsa-sha2-256");
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { dir.File("none") } };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(new[] { "rsa-sha2-512 " + Fingerprint(rsa) }, espri.Offers);
            Assert.Equal(StageNames.Authentication, espri.Result.FailedStage);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void NineAgentKeysWithRsaAmongThemFitMaxAuthTriesTenAsWithSsh()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            var keys = new List<string>();
            for (int i = 1; i <= 9; i++)
            {
                keys.Add(i % 3 == 0 ? Rsa(dir, "rsa_" + i, i / 3) : NewKey(dir, "ed_" + i));
                agent.Run("ssh-add", keys[i - 1]);
            }

            using var sshd = new TestSshd(new[] { Pub(keys[8]) }, Debug3, "MaxAuthTries 10");
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { dir.File("none") } };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(9, espri.Offers.Count);
            Assert.True(espri.Result.Succeeded, string.Join("\n", espri.Result.Stages));
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void CertificateFileComesFirstAndTheIdentitysOwnCertificateIsNotRead()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string ca = NewKey(dir, "ca");
            string key = NewKey(dir, "id_ed25519");
            string other = NewKey(dir, "other_ed25519");
            agent.Run("ssh-add", key); // before the certificates exist: the agent holds the keys only
            agent.Run("ssh-add", other);
            Certify(ca, key); // id_ed25519-cert.pub: ssh ignores it when a CertificateFile is given
            string otherCertificate = Certify(ca, other, dir.File("named-cert.pub"));
            using var sshd = new TestSshd(Array.Empty<string>(), Debug3);
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key }, CertificateFiles = new[] { otherCertificate } };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(new[]
            {
                "ssh-ed25519-cert-v01@openssh.com " + KeyFingerprintOfCertificate(otherCertificate),
                "ssh-ed25519 " + Fingerprint(key),
                "ssh-ed25519 " + Fingerprint(other),
            }, espri.Offers);
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void WithoutCertificateFileTheOwnCertificateOfAnAgentKeyComesLastAndLogsIn()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string ca = NewKey(dir, "ca");
            string key = NewKey(dir, "id_ed25519");
            string other = NewKey(dir, "other_ed25519");
            agent.Run("ssh-add", key); // before the certificate exists: the agent holds the key only
            agent.Run("ssh-add", other);
            string certificate = Certify(ca, key);
            using var sshd = new TestSshd(Array.Empty<string>(), Debug3, $"TrustedUserCAKeys {ca}.pub");
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key } };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal("ssh-ed25519-cert-v01@openssh.com " + KeyFingerprintOfCertificate(certificate), espri.Offers.Last());
            Assert.Equal(3, espri.Offers.Count);
            Assert.True(espri.Result.Succeeded, string.Join("\n", espri.Result.Stages));
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void AKeyAndItsCertificateBothInTheAgentGoInTheAgentsOrder()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string ca = NewKey(dir, "ca");
            string key = NewKey(dir, "id_ed25519");
            string other = NewKey(dir, "other_ed25519");
            Certify(ca, key);
            agent.Run("ssh-add", other);
            agent.Run("ssh-add", key); // adds the key and its certificate
            using var sshd = new TestSshd(Array.Empty<string>(), Debug3);
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key } };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(3, espri.Offers.Count);
            Assert.StartsWith("ssh-ed25519 ", espri.Offers[0]);
            Assert.StartsWith("ssh-ed25519-cert-v01@openssh.com ", espri.Offers[1]);
        }

        [RequiresToolsTheory("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        [InlineData(true)]
        [InlineData(false)]
        public void AnIdentityFileNamingThePublicKeySelectsTheAgentsCopy(bool namesThePub)
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string rsa = Rsa(dir, "id_rsa");
            agent.Run("ssh-add", NewKey(dir, "unrelated"));
            agent.Run("ssh-add", rsa);
            File.Delete(rsa); // only the agent and the .pub know the key (1Password, Secretive, a YubiKey)
            using var sshd = new TestSshd(new[] { Pub(rsa) }, Debug3);
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { namesThePub ? rsa + ".pub" : rsa }, IdentitiesOnly = true };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(new[] { "rsa-sha2-512 " + Fingerprint(rsa) }, espri.Offers);
            Assert.True(espri.Result.Succeeded, string.Join("\n", espri.Result.Stages));
        }

        [RequiresToolsFact("sshd", "ssh-keygen", RealAgent.Tool, "ssh-add", "ssh")]
        public void APublicKeyTheAgentDoesNotHoldIsOfferedAndSaysWhyItCannotSign()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string key = NewKey(dir, "id_ed25519");
            File.Delete(key);
            using var sshd = new TestSshd(new[] { Pub(key) }, Debug3);
            var both = new SshBeside(sshd, dir, agent.Socket) { IdentityFiles = new[] { key + ".pub" }, IdentitiesOnly = true };

            var ssh = both.Ssh();
            var espri = both.Espri();

            AssertSame(ssh, espri);
            Assert.Equal(ErrorIds.KeyFileNotFound, espri.Result.Reason);
            Assert.Contains("is a public key, and the agent does not hold its private key", espri.Result.Stages.Single(s => s.Name == StageNames.Authentication).Detail);
            Assert.Contains("ssh-add", espri.Result.Hint);
        }

        private static string KeyFingerprintOfCertificate(string certificate) =>
            ExternalTool.Check("ssh-keygen", "-l", "-E", "sha256", "-f", certificate).Split(' ')[1];
    }
}
