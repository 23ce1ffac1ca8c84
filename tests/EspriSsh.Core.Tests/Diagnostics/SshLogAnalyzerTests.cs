using System;
using System.Linq;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Diagnostics
{
    public class SshLogAnalyzerTests
    {
        // Lines as OpenSSH 9.2 prints them (from a real run against the loopback sshd).
        private const string RefusedAndUnprotected = @"debug1: Offering public key: /home/u/.ssh/id_ed25519 ED25519 SHA256:ve6Y8t2YlBYuQeL9bTAKiZUMoIInq7GfRc7kqx+x/Vo explicit
debug1: Server accepts key: /home/u/.ssh/id_ed25519 ED25519 SHA256:ve6Y8t2YlBYuQeL9bTAKiZUMoIInq7GfRc7kqx+x/Vo explicit
Permissions 0644 for '/home/u/.ssh/id_ed25519' are too open.
Load key ""/home/u/.ssh/id_ed25519"": bad permissions
debug1: Offering public key: /home/u/.ssh/id_other ED25519 SHA256:USHrkxRtXRWNT6L0JRJ0q2Dg6Xtn9ofoeAIEwihIzQg explicit
debug1: Authentications that can continue: publickey
debug1: No more authentication methods to try.
u@127.0.0.1: Permission denied (publickey).";

        [Fact]
        public void NamesTheRefusedKeyTheUnusableKeyAndTheRights()
        {
            var findings = SshLogAnalyzer.Analyze(RefusedAndUnprotected, "spirit1", Array.Empty<Finding>()).ToList();

            Finding refused = Assert.Single(findings, f => f.Code == "KeyNotRegistered");
            Assert.Contains("/home/u/.ssh/id_other", refused.Problem);
            Assert.Contains("SHA256:USHrkxRtXRWNT6L0JRJ0q2Dg6Xtn9ofoeAIEwihIzQg", refused.Problem);
            Assert.DoesNotContain("id_ed25519", refused.Problem);
            Assert.Single(findings, f => f.Code == "KeyAcceptedButUnusable" && f.Target == "/home/u/.ssh/id_ed25519");
            Assert.Single(findings, f => f.Code == "KeyFileTooOpen" && f.Fix.Contains("chmod 600"));
        }

        [Fact]
        public void DoesNotRepeatARightsProblemTheDirectoryListingFound()
        {
            var known = new[] { new Finding("KeyFileTooOpen", FindingSeverity.Error, "too open", "chmod 600", "/home/u/.ssh/id_ed25519") };

            var findings = SshLogAnalyzer.Analyze(RefusedAndUnprotected, "spirit1", known).ToList();

            Assert.DoesNotContain(findings, f => f.Code == "KeyFileTooOpen");
        }

        [RequiresToolsFact("ssh")]
        public void ARealRefusedConnectionIsNamed()
        {
            // Port 1 on loopback: nothing listens, the kernel refuses at once.
            CommandResult result = ExternalCommand.Run("ssh", new[] { "-F", "/dev/null", "-vvv", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", "1", "127.0.0.1", "true" }, TimeSpan.FromSeconds(20));

            var findings = SshLogAnalyzer.Analyze(result.CombinedOutput, "127.0.0.1", Array.Empty<Finding>()).ToList();

            Assert.Equal(255, result.ExitCode);
            Assert.Equal("ConnectionRefused", Assert.Single(findings).Code);
        }

        [Fact]
        public void ASuccessfulLoginIsOnlyInformation()
        {
            var findings = SshLogAnalyzer.Analyze("debug1: Authenticated to 127.0.0.1 ([127.0.0.1]:2222) using \"publickey\".", "h", Array.Empty<Finding>()).ToList();

            Assert.Equal(FindingSeverity.Info, Assert.Single(findings).Severity);
        }
    }
}
