using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// Runs an external program with a hard time limit: stdin given then closed (nothing can wait for
    /// a prompt), stdout/stderr captured (bounded), killed with its children when late. Never throws
    /// for a missing tool and never hangs, even when a child keeps the output pipes open.
    /// </summary>
    public static class ExternalCommand
    {
        // Enough for an ssh -vvv log; a runaway tool cannot fill the memory.
        private const int MaximumCapturedChars = 1024 * 1024;

        // After a kill, how long we still wait for the pipes (a grandchild may hold them open).
        private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

        /// <param name="leavesBackgroundChild">
        /// The program succeeds by leaving a child in the background that keeps the output pipes (xclip,
        /// which serves the selection so): once it has exited with 0 it is done, without waiting for them.
        /// </param>
        public static CommandResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout,
            IDictionary<string, string?>? environment = null, byte[]? standardInput = null, bool leavesBackgroundChild = false)
        {
            string[] args = arguments.ToArray();
            string commandLine = string.Join(" ", new[] { CommandLineQuoting.Quote(program) }.Concat(args.Select(CommandLineQuoting.Quote)));
            var clock = Stopwatch.StartNew();
            var psi = new ProcessStartInfo(program, string.Join(" ", args.Select(CommandLineQuoting.Quote)))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            if (environment != null)
            {
                foreach (KeyValuePair<string, string?> pair in environment)
                {
                    if (pair.Value == null)
                    {
                        psi.Environment.Remove(pair.Key);
                    }
                    else
                    {
                        psi.Environment[pair.Key] = pair.Value;
                    }
                }
            }

            using var process = new Process { StartInfo = psi };
            var stdout = new BoundedText(MaximumCapturedChars);
            var stderr = new BoundedText(MaximumCapturedChars);
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is Win32Exception || ex is InvalidOperationException || ex is System.IO.IOException)
            {
                return new CommandResult(commandLine, null, "", "", false, true, clock.Elapsed, $"cannot start '{program}': {ex.Message}");
            }

            Thread stdoutReader = Read(process.StandardOutput, stdout);
            Thread stderrReader = Read(process.StandardError, stderr);
            try
            {
                if (standardInput != null)
                {
                    // The caller clears a secret it passes here (ssh-add - reads a key from stdin).
                    process.StandardInput.BaseStream.Write(standardInput, 0, standardInput.Length);
                }

                process.StandardInput.Close();
            }
            catch (System.IO.IOException)
            {
                // The program exited without reading its input; its exit code says why.
            }

            bool exited = process.WaitForExit(Milliseconds(timeout));
            if (!exited)
            {
                Kill(process);
            }

            int? exitCode = exited && process.HasExited ? process.ExitCode : (int?)null;
            if (!(leavesBackgroundChild && exitCode == 0))
            {
                // Wait for the end of both streams, bounded: a child that inherited them may outlive the kill.
                stdoutReader.Join(DrainLimit);
                stderrReader.Join(DrainLimit);
            }

            return new CommandResult(commandLine, exitCode, stdout.ToString(), stderr.ToString(), !exited, false, clock.Elapsed,
                exited ? null : $"no answer within {timeout.TotalSeconds:0.#} s; stopped");
        }

        /// <summary>
        /// Reads a stream to its end on a thread of its own, not through the thread pool's callbacks
        /// (BeginOutputReadLine): a caller running on the pool, such as ssh -G judging a config while a
        /// test goes on, waited for a pool thread to deliver the end of its output, and with every pool
        /// thread so waiting the pool added one only after ~0.5 s (seen in half the Start-EspriSetup
        /// -TestConnection runs, its two ssh -G judges at once). A background thread: one reading a pipe
        /// that a background child keeps open ends with that child, or with the process.
        /// </summary>
        private static Thread Read(System.IO.StreamReader reader, BoundedText into)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
                    {
                        into.AppendLine(line);
                    }
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is ObjectDisposedException)
                {
                    // The process object was disposed while a background child still held the pipe.
                }
            })
            { IsBackground = true, Name = "EspriSsh output reader" };
            thread.Start();
            return thread;
        }

        private static void Kill(Process process)
        {
            try
            {
#if NET
                process.Kill(entireProcessTree: true);
#else
                process.Kill();
#endif
                process.WaitForExit(Milliseconds(DrainLimit));
            }
            catch (InvalidOperationException)
            {
                // It ended between the timeout and the kill.
            }
            catch (Win32Exception)
            {
                // Could not kill (already gone, or not ours); the result still says it timed out.
            }
        }

        private static int Milliseconds(TimeSpan span) =>
            (int)Math.Max(0, Math.Min(int.MaxValue, span.TotalMilliseconds));

        /// <summary>Collects lines from the reader threads, up to a limit.</summary>
        private sealed class BoundedText
        {
            private readonly StringBuilder text = new StringBuilder();
            private readonly int limit;
            private bool truncated;

            public BoundedText(int limit) => this.limit = limit;

            public void AppendLine(string line)
            {
                lock (text)
                {
                    if (text.Length + line.Length > limit)
                    {
                        if (!truncated)
                        {
                            text.AppendLine("[... output cut: more than " + limit + " characters ...]");
                            truncated = true;
                        }

                        return;
                    }

                    text.Append(line).Append('\n');
                }
            }

            public override string ToString()
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }
    }
}
