using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Diagnostics
{
    /// <summary>
    /// The logs as OpenSSH 9.2 prints them (lines of real runs through a loopback jump host, the
    /// noise left out): each host is judged from its own log, and only the final host's login counts.
    /// The whole report against real sshd is in tests/SupportReport.Tests.ps1.
    /// </summary>
    public class SshLogAnalyzerTests
    {
        private const string Banner = "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026";

        private const string JumpLoggedIn = Banner + @"
debug1: Connecting to 127.0.0.1 [127.0.0.1] port 42201.
debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10
debug1: Offering public key: /home/u/.ssh/id_ed25519 ED25519 SHA256:1LQciTiHsJo45/1FKBEm5eVBxAHMHzQOCvYDFJ+1aW8 explicit agent
debug1: Server accepts key: /home/u/.ssh/id_ed25519 ED25519 SHA256:1LQciTiHsJo45/1FKBEm5eVBxAHMHzQOCvYDFJ+1aW8 explicit agent
Authenticated to 127.0.0.1 ([127.0.0.1]:42201) using ""publickey"".
debug1: channel 0: new stdio-forward [stdio-forward] (inactive timeout: 0)";

        private const string TargetRefused = Banner + @"
debug1: Executing proxy command: exec ssh -F /tmp/r/attempt_config -vvv -W '[127.0.0.1]:42202' spirit1
debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10
debug1: Offering public key: /home/u/.ssh/id_ed25519 ED25519 SHA256:1LQciTiHsJo45/1FKBEm5eVBxAHMHzQOCvYDFJ+1aW8 explicit agent
debug1: Authentications that can continue: publickey
debug1: No more authentication methods to try.
u@127.0.0.1: Permission denied (publickey).";

        private const string JumpNeedsPassphrase = Banner + @"
debug1: Connecting to 127.0.0.1 [127.0.0.1] port 42201.
debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10
debug1: Offering public key: /home/u/.ssh/id_ed25519 ED25519 SHA256:1LQciTiHsJo45/1FKBEm5eVBxAHMHzQOCvYDFJ+1aW8 explicit
debug2: we sent a publickey packet, wait for reply
debug1: Server accepts key: /home/u/.ssh/id_ed25519 ED25519 SHA256:1LQciTiHsJo45/1FKBEm5eVBxAHMHzQOCvYDFJ+1aW8 explicit
debug3: sign_and_send_pubkey: signing using ssh-ed25519 SHA256:1LQciTiHsJo45/1FKBEm5eVBxAHMHzQOCvYDFJ+1aW8
debug2: we did not send a packet, disable method
debug1: No more authentication methods to try.
u@127.0.0.1: Permission denied (publickey).";

        private const string TargetNeverReached = Banner + @"
debug1: Executing proxy command: exec ssh -F /tmp/r/attempt_config -vvv -W '[127.0.0.1]:42202' spirit1
debug1: Local version string SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10
kex_exchange_identification: Connection closed by remote host
Connection closed by UNKNOWN port 65535";

        private const string JumpHostKeyUnknown = Banner + @"
debug1: Connecting to 127.0.0.1 [127.0.0.1] port 42201.
debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10
debug1: Server host key: ssh-ed25519 SHA256:tRqKiDNdkfZm1oc/IgtU0UipClWZ+vTfxcBDeIEwCXU
No ED25519 host key is known for [127.0.0.1]:42201 and you have requested strict checking.
Host key verification failed.";

        private const string RefusedAndUnprotected = @"debug1: Offering public key: /home/u/.ssh/id_ed25519 ED25519 SHA256:ve6Y8t2YlBYuQeL9bTAKiZUMoIInq7GfRc7kqx+x/Vo explicit
debug1: Server accepts key: /home/u/.ssh/id_ed25519 ED25519 SHA256:ve6Y8t2YlBYuQeL9bTAKiZUMoIInq7GfRc7kqx+x/Vo explicit
Permissions 0644 for '/home/u/.ssh/id_ed25519' are too open.
Load key ""/home/u/.ssh/id_ed25519"": bad permissions
debug2: we did not send a packet, disable method
debug1: Offering public key: /home/u/.ssh/id_other ED25519 SHA256:USHrkxRtXRWNT6L0JRJ0q2Dg6Xtn9ofoeAIEwihIzQg explicit
debug1: Authentications that can continue: publickey
debug1: No more authentication methods to try.
u@127.0.0.1: Permission denied (publickey).";

        private static List<Finding> Analyze(string jumpStderr, string targetLog, params Finding[] known)
        {
            var logs = SshHopLog.Jumps(jumpStderr, new[] { "spirit1" }).ToList();
            logs.Add(new SshHopLog("jean-zay", SshHopLog.SplitLines(targetLog), isTarget: true));
            return SshLogAnalyzer.Analyze(logs, known).ToList();
        }

        private static List<Finding> AnalyzeDirect(string log, params Finding[] known) =>
            SshLogAnalyzer.Analyze(new[] { new SshHopLog("spirit1", SshHopLog.SplitLines(log), isTarget: true) }, known).ToList();

        [Fact]
        public void AJumpHostThatLetsYouInDoesNotMakeTheFinalHostsRefusalAWorkingLogin()
        {
            List<Finding> findings = Analyze(JumpLoggedIn, TargetRefused);

            Assert.DoesNotContain(findings, f => f.Code == "SshLoginWorks");
            Assert.Equal("spirit1", Assert.Single(findings, f => f.Code == "JumpHostLoginWorks").Target);
            Finding refused = Assert.Single(findings, f => f.Code == "KeyNotRegistered");
            Assert.Equal("jean-zay", refused.Target);
            Assert.StartsWith("The host jean-zay refused the key(s) offered: /home/u/.ssh/id_ed25519 (ED25519 SHA256:1LQciTiHsJo45", refused.Problem);
        }

        [Fact]
        public void AKeyTheJumpHostKnowsButNobodyCouldUnlockIsAPassphraseNotTheNetwork()
        {
            List<Finding> findings = Analyze(JumpNeedsPassphrase, TargetNeverReached);

            Finding passphrase = Assert.Single(findings, f => f.Code == "KeyPassphraseNeeded");
            Assert.StartsWith("The jump host spirit1 knows the key /home/u/.ssh/id_ed25519", passphrase.Problem);
            Assert.EndsWith("\n    ssh-add '/home/u/.ssh/id_ed25519'", passphrase.Fix);
            Assert.Equal("jean-zay", Assert.Single(findings, f => f.Code == "HostNotReached").Target);
            Assert.DoesNotContain(findings, f => f.Code == "ConnectTimeout" || f.Code == "ConnectionClosed" || f.Code == "KeyNotRegistered");
        }

        [Fact]
        public void AnUnknownJumpHostKeyIsNamedForTheJumpHostAndTheFinalHostIsNotBlamed()
        {
            List<Finding> findings = Analyze(JumpHostKeyUnknown, TargetNeverReached);

            Finding unknown = Assert.Single(findings, f => f.Code == "HostKeyUnknown");
            Assert.Equal("spirit1", unknown.Target);
            Assert.EndsWith("\n    ssh spirit1", unknown.Fix);
            Assert.DoesNotContain(findings, f => f.Code == "ConnectionClosed");
        }

        [Fact]
        public void OnlyTheFinalHostsLoginIsAWorkingLogin()
        {
            string targetIn = TargetRefused.Replace("u@127.0.0.1: Permission denied (publickey).", "Authenticated to 127.0.0.1 (via proxy) using \"publickey\".");

            Finding works = Assert.Single(Analyze(JumpLoggedIn, targetIn));

            Assert.Equal("SshLoginWorks", works.Code);
            Assert.Equal(FindingSeverity.Info, works.Severity);
            Assert.Contains("jean-zay through spirit1", works.Problem);
        }

        [Fact]
        public void TwoJumpHostsLogsAreToldApartByWhoIsStillAuthenticating()
        {
            // ProxyJump a,b: b's ssh starts first and waits for a's, which logs in, then b goes on.
            string stderr = Banner + "\ndebug1: Executing proxy command: exec ssh -vvv -W '[b]:22' a\n" + JumpLoggedIn + "\n" + JumpNeedsPassphrase.Substring(Banner.Length + 1);

            IReadOnlyList<SshHopLog> logs = SshHopLog.Jumps(stderr, new[] { "a", "b" });

            Assert.Equal(new[] { "a", "b" }, logs.Select(l => l.Host));
            Assert.Contains(logs[0].Lines, l => l.StartsWith("Authenticated to", StringComparison.Ordinal));
            Assert.Contains(logs[1].Lines, l => l.StartsWith("debug2: we did not send a packet", StringComparison.Ordinal));
            Assert.DoesNotContain(logs[1].Lines, l => l.StartsWith("Authenticated to", StringComparison.Ordinal));
        }

        [Fact]
        public void NamesTheRefusedKeyAndTheRightsOfTheKeySshIgnored()
        {
            List<Finding> findings = AnalyzeDirect(RefusedAndUnprotected);

            Finding refused = Assert.Single(findings, f => f.Code == "KeyNotRegistered");
            Assert.Contains("/home/u/.ssh/id_other", refused.Problem);
            Assert.Contains("SHA256:USHrkxRtXRWNT6L0JRJ0q2Dg6Xtn9ofoeAIEwihIzQg", refused.Problem);
            Assert.DoesNotContain("id_ed25519", refused.Problem);
            Assert.EndsWith("\n    chmod 600 '/home/u/.ssh/id_ed25519'", Assert.Single(findings, f => f.Code == "KeyFileTooOpen").Fix);
            Assert.DoesNotContain(findings, f => f.Code == "KeyPassphraseNeeded");
        }

        [Fact]
        public void DoesNotRepeatARightsProblemTheDirectoryListingFound()
        {
            var known = new Finding("KeyFileTooOpen", FindingSeverity.Error, "too open", "chmod 600", "/home/u/.ssh/id_ed25519");

            Assert.DoesNotContain(AnalyzeDirect(RefusedAndUnprotected, known), f => f.Code == "KeyFileTooOpen");
        }

        [RequiresToolsFact("ssh")]
        public void ARealRefusedConnectionIsNamed()
        {
            // Port 1 on loopback: nothing listens, the kernel refuses at once.
            CommandResult result = ExternalCommand.Run("ssh", new[] { "-F", "/dev/null", "-vvv", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", "1", "127.0.0.1", "true" }, TimeSpan.FromSeconds(20));

            Assert.Equal(255, result.ExitCode);
            Assert.Equal("ConnectionRefused", Assert.Single(AnalyzeDirect(result.CombinedOutput)).Code);
        }
    }
}
