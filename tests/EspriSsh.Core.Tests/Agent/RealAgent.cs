using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Errors;

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
        private readonly ServerProcess process;

        /// <param name="person">Answers the agent's confirmation dialogs (keys added with ssh-add -c).</param>
        public RealAgent(bool debugLog = false, AskpassPerson person = null)
        {
            Socket = directory.File("agent.sock");
            process = new ServerProcess(Tool, (debugLog ? "-d" : "-D") + " -a \"" + Socket + "\"", person?.Environment);
            // The socket file appears at bind(), a moment before listen(): ready once a connection is accepted.
            process.WaitUntil(Accepts, "accept connections on its socket");
        }

        public string Socket { get; }

        /// <summary>What ssh-agent -d printed so far.</summary>
        public string Log => process.Log;

        /// <summary>True once the debug log holds <paramref name="text"/>.</summary>
        public bool WaitForLog(string text) => process.WaitForLog(text);

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

        private bool Accepts()
        {
            try
            {
                new UnixSocketEndpoint(Socket).Connect(TimeSpan.FromSeconds(1), default).Dispose();
                return true;
            }
            catch (EspriException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            process.Dispose();
            directory.Dispose();
        }
    }
}
