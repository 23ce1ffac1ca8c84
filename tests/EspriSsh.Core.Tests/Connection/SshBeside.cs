using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Agent;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// Runs real ssh and then the connection test against the same sshd (LogLevel DEBUG3), with the same
    /// settings and the same agent, and reads from sshd's log what each offered: ssh is the judge.
    /// </summary>
    internal sealed class SshBeside
    {
        // sshd's monitor's last line for a connection, however it ended: logged at the debug levels, the
        // ones that show offers (at VERBOSE there are none to wait for).
        private const string ConnectionEnd = "debug1: do_cleanup\n";
        private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(15);

        private readonly TestSshd sshd;
        private readonly TempDirectory dir;
        private readonly string agentSocket;

        public SshBeside(TestSshd sshd, TempDirectory dir, string agentSocket)
        {
            this.sshd = sshd;
            this.dir = dir;
            this.agentSocket = agentSocket;
            File.WriteAllText(dir.File("known_hosts"), sshd.KnownHostsLine + "\n");
        }

        public string[] IdentityFiles { get; set; } = Array.Empty<string>();

        public string[] CertificateFiles { get; set; } = Array.Empty<string>();

        public bool IdentitiesOnly { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>ssh -F (these settings only) with BatchMode: its exit code, its messages, and the offers sshd saw.</summary>
        public (int ExitCode, string Error, List<string> Offers) Ssh()
        {
            string config = dir.File("ssh_config");
            var lines = new List<string>
            {
                "Host box",
                "  HostName 127.0.0.1",
                $"  Port {sshd.Port}",
                $"  User {TestSshd.User}",
                $"  UserKnownHostsFile {dir.File("known_hosts")}",
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  BatchMode yes",
                $"  IdentitiesOnly {(IdentitiesOnly ? "yes" : "no")}",
            };
            lines.AddRange(IdentityFiles.Select(f => "  IdentityFile " + f));
            lines.AddRange(CertificateFiles.Select(f => "  CertificateFile " + f));
            File.WriteAllLines(config, lines);
            int from = Settled();
            var result = ExternalTool.RunWithEnvironment("ssh", new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agentSocket }, "-F", config, "box", "true");
            return (result.ExitCode, result.Error, SshdOffers.In(LogAfterConnection(from), from));
        }

        /// <summary>The connection test with the same settings and agent, and the offers sshd saw.</summary>
        public (ConnectionTestResult Result, List<string> Offers) Espri(IUserInteraction interaction = null, SshAgent agent = null)
        {
            var plan = new ConnectionPlan(new HopPlan("box", "127.0.0.1", sshd.Port, TestSshd.User, IdentityFiles, IdentitiesOnly, CertificateFiles),
                dir.File("known_hosts"), dir.Path)
            {
                Timeout = Timeout,
            };
            int from = Settled();
            agent ??= new SshAgent(new SshAgentTests.FakeEnvironment(windows: false) { ["SSH_AUTH_SOCK"] = agentSocket });
            ConnectionTestResult result = new ConnectionTester((path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase).Key,
                SiteProfileLoader.Default, agent, interaction ?? new ScriptedInteraction { CanPrompt = false }).Run(plan);
            return (result, SshdOffers.In(LogAfterConnection(from), from));
        }

        private int Settled() => SettledLog().Length;

        /// <summary>
        /// The log once sshd has logged the end of the connection made since <paramref name="from"/> and
        /// then stopped growing: a quiet spell alone depends on how busy the machine is (a full test run
        /// once read no offer at all from the connection test).
        /// </summary>
        private string LogAfterConnection(int from)
        {
            var waited = Stopwatch.StartNew();
            bool debug = sshd.Log.Contains("debug1: ");
            while (debug && sshd.Log.IndexOf(ConnectionEnd, from, StringComparison.Ordinal) < 0 && waited.Elapsed < EndWait)
            {
                Thread.Sleep(30);
            }

            return SettledLog();
        }

        // sshd's log arrives through a pipe a little after the fact: read it once it stops growing
        // (300 ms: under a load of 18 on two cores an offer comparison failed once with 150 ms).
        private string SettledLog()
        {
            string log = sshd.Log;
            var quiet = Stopwatch.StartNew();
            while (quiet.ElapsedMilliseconds < 300)
            {
                Thread.Sleep(30);
                string now = sshd.Log;
                if (now.Length != log.Length)
                {
                    log = now;
                    quiet.Restart();
                }
            }

            return log;
        }
    }
}
