using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// A real OpenSSH ssh-agent in the foreground (-D, or -d to also capture its debug log) on a socket
    /// in its own temp directory; killed and removed on Dispose. Tests never use the user's agent.
    /// </summary>
    internal sealed class RealAgent : IDisposable
    {
        public const string Tool = "ssh-agent";

        private readonly TempDirectory directory = new TempDirectory();
        private readonly Process process;
        private readonly StringBuilder log = new StringBuilder();

        public RealAgent(bool debugLog = false)
        {
            Socket = directory.File("agent.sock");
            var psi = new ProcessStartInfo(Tool, (debugLog ? "-d" : "-D") + " -a \"" + Socket + "\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            process = Process.Start(psi);
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.OutputDataReceived += (_, e) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Socket))
            {
                Assert.False(process.HasExited, "ssh-agent exited: " + Log);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "ssh-agent did not create its socket");
                Thread.Sleep(10);
            }
        }

        public string Socket { get; }

        public string Directory => directory.Path;

        /// <summary>What ssh-agent -d printed so far.</summary>
        public string Log
        {
            get
            {
                lock (log)
                {
                    return log.ToString();
                }
            }
        }

        /// <summary>True once the debug log holds <paramref name="text"/> (it arrives through a pipe, a little after the answer).</summary>
        public bool WaitForLog(string text)
        {
            var clock = Stopwatch.StartNew();
            while (!Log.Contains(text))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(20))
                {
                    return false;
                }

                Thread.Sleep(10);
            }

            return true;
        }

        /// <summary>Runs ssh-add (or another OpenSSH tool) against this agent.</summary>
        public (int ExitCode, string Output, string Error) Run(string tool, params string[] args) =>
            ExternalTool.RunWithEnvironment(tool, Environment(), args);

        public Dictionary<string, string> Environment() => new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = Socket };

        /// <summary>ssh-add -x with the lock passphrase given through an askpass script (as a user types it).</summary>
        public void Lock(string passphrase)
        {
            string askpass = directory.File("askpass.sh");
            File.WriteAllText(askpass, "#!/bin/sh\necho '" + passphrase + "'\n");
            ExternalTool.Check("chmod", "500", askpass);
            var env = Environment();
            env["SSH_ASKPASS"] = askpass;
            env["SSH_ASKPASS_REQUIRE"] = "force";
            env["DISPLAY"] = ":0";
            var result = ExternalTool.RunWithEnvironment("ssh-add", env, "-x");
            Assert.True(result.ExitCode == 0, "ssh-add -x failed: " + result.Error);
        }

        public void Dispose()
        {
            try
            {
                process.Kill(); // ssh-agent -D/-d runs no child
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
            directory.Dispose();
        }
    }
}
