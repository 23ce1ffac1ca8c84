using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Threading;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>The engine without a server: stage bookkeeping, refusals, cancellation. The sshd cases are in Pester.</summary>
    public class ConnectionTesterTests
    {
        private static readonly PrivateKeyLoader Loader = (path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase).Key;

        private static ConnectionPlan Plan(TempDirectory dir, int port, params string[] keys) =>
            new ConnectionPlan(new HopPlan("box", "127.0.0.1", port, "someone", keys), dir.File("known_hosts"), dir.Path);

        private static string Key(TempDirectory dir)
        {
            string path = dir.File("id_ed25519");
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path);
            return path;
        }

        [Fact]
        public void WithoutAnyKeyConfigFailsAndEveryLaterStageIsSkipped()
        {
            using var dir = new TempDirectory();
            ConnectionTestResult result = new ConnectionTester(Loader, SiteProfileLoader.Default).Run(Plan(dir, 22));
            Assert.False(result.Succeeded);
            Assert.Equal(StageNames.Config, result.FailedStage);
            Assert.Equal(ErrorIds.NoKeyFound, result.Reason);
            Assert.Contains("New-EspriKey", result.Hint);
            Assert.All(result.Stages.Skip(1), s => Assert.Equal(StageStatus.Skipped, s.Status));
            Assert.Equal(new[] { "Config", "Dns", "Tcp", "Banner", "HostKey", "Authentication", "Session" }, result.Stages.Select(s => s.Name));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void ARefusedPortFailsAtTcp()
        {
            using var dir = new TempDirectory();
            ConnectionTestResult result = new ConnectionTester(Loader, SiteProfileLoader.Default).Run(Plan(dir, TestSshd.FreePort(), Key(dir)));
            Assert.Equal(StageNames.Tcp, result.FailedStage);
            Assert.Equal(ErrorIds.ConnectionRefused, result.Reason);
            Assert.Equal(StageStatus.Passed, result.Stages.Single(s => s.Name == StageNames.Dns).Status);
            Assert.Equal("Not run: an earlier stage failed.", result.Stages.Single(s => s.Name == StageNames.Banner).Detail);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void CancellationStopsAWaitingStageLongBeforeItsTimeout()
        {
            using var dir = new TempDirectory();
            var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            try
            {
                ConnectionPlan plan = Plan(dir, ((IPEndPoint)silent.LocalEndpoint).Port, Key(dir));
                plan.Timeout = TimeSpan.FromSeconds(30);
                using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                // Only the token throws: a stage that ran to its timeout would be a failed result instead.
                Assert.ThrowsAny<OperationCanceledException>(() => new ConnectionTester(Loader, SiteProfileLoader.Default).Run(plan, cancel.Token));
            }
            finally
            {
                silent.Stop();
            }
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AServerGreetingWithTerminalSequencesIsShownEscaped()
        {
            using var dir = new TempDirectory();
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            using var stopped = new CancellationTokenSource();
            var greeter = new Thread(() =>
            {
                // Every connection (the Tcp stage's probe, then SSH.NET's) gets the greeting, then garbage instead of a key exchange.
                while (!stopped.IsCancellationRequested)
                {
                    try
                    {
                        using Socket s = server.AcceptSocket();
                        s.Send(System.Text.Encoding.ASCII.GetBytes("SSH-2.0-Evil\u001b[2J\u001b]0;pwned\u0007\r\n"));
                        s.Receive(new byte[4096]);
                        s.Send(new byte[64]);
                    }
                    catch (Exception) // a client that hung up, or the listener stopped
                    {
                    }
                }
            }) { IsBackground = true };
            greeter.Start();
            try
            {
                ConnectionPlan plan = Plan(dir, ((IPEndPoint)server.LocalEndpoint).Port, Key(dir));
                plan.Timeout = TimeSpan.FromSeconds(10);
                ConnectionTestResult result = new ConnectionTester(Loader, SiteProfileLoader.Default).Run(plan);

                ConnectionStage banner = result.Stages.Single(s => s.Name == StageNames.Banner);
                Assert.True(banner.Status == StageStatus.Passed, string.Join("\n", result.Stages));
                Assert.Contains("Evil\\x1b[2J\\x1b]0;pwned\\x07", banner.Detail);
                Assert.All(result.Stages, s => Assert.True(UntrustedText.IsSafe(s.Detail) && UntrustedText.IsSafe(s.Hint), s.ToString()));
            }
            finally
            {
                stopped.Cancel();
                server.Stop();
            }
        }

        [Theory]
        [InlineData(new byte[] { 0x80 }, "128")]
        [InlineData(new byte[] { 0x00, 0x01 }, "1")]
        [InlineData(new byte[] { 0xff, 0xff }, "65535")]
        public void BigEndianMagnitudesBecomePositiveIntegers(byte[] bigEndian, string expected)
        {
            Assert.Equal(BigInteger.Parse(expected), SshNetKeyAdapter.Unsigned(bigEndian));
        }
    }
}
