using System;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// A real peer server run in the foreground for a test (ssh-agent -D, sshd -D): what it prints on
    /// stderr is kept as its log, and it is killed on Dispose.
    /// </summary>
    internal sealed class ServerProcess : IDisposable
    {
        private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

        private readonly Process process;
        private readonly StringBuilder log = new StringBuilder();

        /// <param name="environment">Variables set for the server (an agent's SSH_ASKPASS, a value null removes one).</param>
        public ServerProcess(string program, string arguments, System.Collections.Generic.IDictionary<string, string> environment = null)
        {
            var start = new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var variable in environment ?? new System.Collections.Generic.Dictionary<string, string>())
            {
                if (variable.Value == null)
                {
                    start.Environment.Remove(variable.Key);
                }
                else
                {
                    start.Environment[variable.Key] = variable.Value;
                }
            }

            process = Process.Start(start);
            process.ErrorDataReceived += (_, e) =>
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

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

        /// <summary>Waits until <paramref name="ready"/>; fails the test when the server exits or is not ready in time.</summary>
        public void WaitUntil(Func<bool> ready, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!ready())
            {
                Assert.False(process.HasExited, $"{process.StartInfo.FileName} exited: {Log}");
                Assert.True(clock.Elapsed < ReadyLimit, $"{process.StartInfo.FileName} did not {what}: {Log}");
                Thread.Sleep(10);
            }
        }

        /// <summary>True once the log holds <paramref name="text"/> (it arrives through a pipe, a little after the fact); false when the server exits without it.</summary>
        public bool WaitForLog(string text)
        {
            var clock = Stopwatch.StartNew();
            while (!Log.Contains(text))
            {
                if (process.HasExited)
                {
                    process.WaitForExit(); // the rest of its output
                    return Log.Contains(text);
                }

                if (clock.Elapsed > ReadyLimit)
                {
                    return false;
                }

                Thread.Sleep(10);
            }

            return true;
        }

        public void Dispose()
        {
            try
            {
                process.Kill(); // ssh-agent -D runs no child; sshd's per-connection children end with their connections
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }
}
