using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Runs a helper program (ssh-add, sc.exe) with input on stdin and a hard time limit: a tool that
    /// waits for a prompt nobody answers is killed instead of hanging the user's session.
    /// </summary>
    public static class BoundedProcess
    {
        public sealed class Result
        {
            public Result(int exitCode, string output, string error, bool timedOut)
            {
                ExitCode = exitCode;
                Output = output;
                Error = error;
                TimedOut = timedOut;
            }

            public int ExitCode { get; }

            public string Output { get; }

            public string Error { get; }

            public bool TimedOut { get; }
        }

        /// <summary>
        /// environment: variables to set (a null value removes one). stdin: bytes written then closed
        /// (the caller clears secrets it passes). Never throws for a non-zero exit; throws the OS error
        /// when the program cannot start.
        /// </summary>
        public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout,
            IDictionary<string, string?>? environment = null, byte[]? stdin = null)
        {
            var start = new ProcessStartInfo(program, string.Join(" ", arguments.Select(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            foreach (KeyValuePair<string, string?> variable in environment ?? new Dictionary<string, string?>())
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

            using Process process = Process.Start(start)!;
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (s, e) => Append(output, e.Data);
            process.ErrorDataReceived += (s, e) => Append(error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                if (stdin != null)
                {
                    process.StandardInput.BaseStream.Write(stdin, 0, stdin.Length);
                }

                process.StandardInput.Close();
            }
            catch (System.IO.IOException)
            {
                // The program exited without reading its input; its exit code says why.
            }

            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                }

                return new Result(-1, output.ToString(), error.ToString(), timedOut: true);
            }

            process.WaitForExit(); // drains the asynchronous readers
            return new Result(process.ExitCode, output.ToString(), error.ToString(), timedOut: false);
        }

        private static void Append(StringBuilder buffer, string? line)
        {
            if (line != null)
            {
                lock (buffer)
                {
                    buffer.AppendLine(line);
                }
            }
        }

        /// <summary>Quoting as the Windows C runtime parses it; plain words stay as they are.</summary>
        private static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0)
            {
                return argument;
            }

            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
                backslashes = 0;
            }

            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }
    }
}
