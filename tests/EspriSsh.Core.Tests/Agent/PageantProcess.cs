using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// PuTTY's Pageant on Unix (0.75+) in the foreground, in its own tmux server so that it has a
    /// terminal to ask a passphrase on (--tty-prompt): a key loaded --encrypted is decrypted only when a
    /// client asks for a signature, and the test types the passphrase when it chooses (a person who
    /// answers late). Its socket gets a fixed name (--symlink); tmux and Pageant are killed on Dispose.
    /// </summary>
    internal sealed class PageantProcess : IDisposable
    {
        public const string Tool = "pageant";

        private readonly TempDirectory directory = new TempDirectory();
        private readonly string server;

        /// <param name="keys">PPK files to load; <paramref name="encrypted"/>: keep them encrypted until used.</param>
        public PageantProcess(bool encrypted, params string[] keys)
        {
            server = "espri-pageant-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            Socket = directory.File("pageant.sock");
            // Its debug log and its prompt go to the terminal (a file would hold the log back in a buffer).
            string command = $"pageant --debug --tty-prompt {(encrypted ? "--encrypted " : "")}{string.Join(" ", keys)} --symlink {Socket}; echo exit=$?; sleep 600";
            ExternalTool.Check("tmux", "-L", server, "new-session", "-d", "-x", "120", "-y", "30", command);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Socket))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "Pageant did not start: " + Log);
                Thread.Sleep(20);
            }
        }

        /// <summary>A symbolic link to Pageant's socket (what SSH_AUTH_SOCK names).</summary>
        public string Socket { get; }

        /// <summary>Pageant's debug log and prompts, as its terminal shows them (and "exit=139" when it crashed).</summary>
        public string Log => ExternalTool.Run("tmux", "-L", server, "capture-pane", "-p", "-J", "-S", "-2000", "-t", "0").Output;

        /// <summary>Whether Pageant still runs (its debug output ends with exit=N when it stopped).</summary>
        public bool Running => !Log.Contains("exit=");

        /// <summary>Types the passphrase at Pageant's terminal prompt, as a person would.</summary>
        public void Type(string passphrase)
        {
            ExternalTool.Check("tmux", "-L", server, "send-keys", "-t", "0", "-l", passphrase);
            ExternalTool.Check("tmux", "-L", server, "send-keys", "-t", "0", "Enter");
        }

        /// <summary>True once Pageant's debug log shows <paramref name="text"/>.</summary>
        public bool WaitForLog(string text, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (!Log.Contains(text))
            {
                if (clock.Elapsed > limit)
                {
                    return false;
                }

                Thread.Sleep(20);
            }

            return true;
        }

        public void Dispose()
        {
            ExternalTool.Run("tmux", "-L", server, "kill-server");
            directory.Dispose();
        }
    }
}
