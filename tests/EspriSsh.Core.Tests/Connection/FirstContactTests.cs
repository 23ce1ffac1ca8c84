using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// A first contact with a server, against a real sshd: the question ssh asks (fingerprint, go on?),
    /// asked only when someone can answer and -WhatIf is off, and the progress of each stage.
    /// </summary>
    public sealed class FirstContactTests
    {
        private static readonly PrivateKeyLoader Loader = (path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase).Key;

        /// <summary>Runs <paramref name="test"/> with a fresh folder, a key in it and an sshd that accepts that key.</summary>
        private static void WithServer(Action<TempDirectory, string, TestSshd> test)
        {
            using var dir = new TempDirectory();
            string key = dir.File("id_ed25519");
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
            using var sshd = new TestSshd(new[] { File.ReadAllText(key + ".pub") });
            test(dir, key, sshd);
        }

        private static ConnectionTestResult Run(TestSshd sshd, TempDirectory dir, string key, ScriptedInteraction ui) =>
            new ConnectionTester(Loader, SiteProfileLoader.Default, null, ui).Run(
                new ConnectionPlan(new HopPlan("box", "127.0.0.1", sshd.Port, TestSshd.User, new[] { key }, true), dir.File("known_hosts"), dir.Path)
                {
                    Timeout = TimeSpan.FromSeconds(20),
                });

        private static ConnectionStage HostKey(ConnectionTestResult result) => result.Stages.Single(s => s.Name == StageNames.HostKey);

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void YesRecordsTheKeySshWouldRecordAndTheTestGoesOn()
        {
            WithServer((dir, key, sshd) =>
            {
                var ui = new ScriptedInteraction().AnswerChoices(0);
                ConnectionTestResult result = Run(sshd, dir, key, ui);

                Assert.True(result.Succeeded, string.Join("\n", result.Stages));
                File.WriteAllText(dir.File("server.pub"), sshd.KnownHostsLine + "\n");
                string fingerprint = ExternalTool.Check("ssh-keygen", "-l", "-E", "sha256", "-f", dir.File("server.pub")).Split(' ')[1];
                Assert.Contains(ui.Asked, q => q.Contains($"ED25519 key fingerprint is {fingerprint}.", StringComparison.Ordinal));
                Assert.Equal(new[] { sshd.KnownHostsLine }, File.ReadAllLines(dir.File("known_hosts")).Select(l => string.Join(" ", l.Split(' ').Take(3))));
                Assert.Contains(ui.ShouldProcessCalls, c => c.Target == dir.File("known_hosts"));
            });
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void NoStopsAtHostKeyAndRecordsNothing()
        {
            WithServer((dir, key, sshd) =>
            {
                ConnectionTestResult result = Run(sshd, dir, key, new ScriptedInteraction().AnswerChoices(1));

                Assert.Equal(ErrorIds.HostKeyUnknown, HostKey(result).Reason);
                Assert.False(File.Exists(dir.File("known_hosts")));
            });
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void NothingIsAskedUnderWhatIfNorWhenNobodyCanAnswer()
        {
            WithServer((dir, key, sshd) =>
            {
                foreach (var ui in new[] { new ScriptedInteraction { Proceed = false }, new ScriptedInteraction { CanPrompt = false } })
                {
                    ConnectionTestResult result = Run(sshd, dir, key, ui);

                    Assert.Equal(ErrorIds.HostKeyUnknown, HostKey(result).Reason);
                    Assert.Empty(ui.Asked);
                    Assert.False(File.Exists(dir.File("known_hosts")));
                }
            });
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void EachStageIsReportedAsItStartsAndTheProgressEnds()
        {
            WithServer((dir, key, sshd) =>
            {
                File.WriteAllText(dir.File("known_hosts"), sshd.KnownHostsLine + "\n");
                var ui = new ScriptedInteraction();
                Assert.True(Run(sshd, dir, key, ui).Succeeded);

                // Stages shorter than the poll (HostKey, Authentication on loopback) may pass unreported.
                string[] reported = ui.ProgressReports.Select(r => r.Status.Split(' ')[0]).ToArray();
                Assert.Equal(new[] { "Config", "Dns", "Tcp", "Banner" }, reported.Take(4));
                Assert.Equal("Session", reported.Last());
                Assert.Equal(reported.Length, reported.Distinct().Count());
                Assert.True(ui.ProgressReports.Zip(ui.ProgressReports.Skip(1), (a, b) => a.Fraction < b.Fraction).All(x => x));
                Assert.All(ui.ProgressReports, r => Assert.Equal("Test-EspriConnection box", r.Activity));
                Assert.Equal(new[] { "Test-EspriConnection box" }, ui.ProgressDoneActivities);
            });
        }
    }
}
