using System;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// What an external command did. A missing tool or a timeout is a result, not an exception:
    /// diagnostics report them as findings.
    /// </summary>
    public sealed class CommandResult
    {
        public CommandResult(string commandLine, int? exitCode, string standardOutput, string standardError,
            bool timedOut, bool notFound, TimeSpan elapsed, string? failure = null)
        {
            CommandLine = commandLine;
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
            TimedOut = timedOut;
            NotFound = notFound;
            Elapsed = elapsed;
            Failure = failure;
        }

        /// <summary>The command as a person would type it (for the report).</summary>
        public string CommandLine { get; }

        /// <summary>Null when the process did not end by itself (timeout, not started).</summary>
        public int? ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }

        /// <summary>Killed after the time limit.</summary>
        public bool TimedOut { get; }

        /// <summary>The program could not be started (not installed, not executable).</summary>
        public bool NotFound { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>Why it could not run, in words; null when it ran.</summary>
        public string? Failure { get; }

        public bool Succeeded => ExitCode == 0 && !TimedOut;

        /// <summary>stdout then stderr, as a terminal would have shown them (ssh -V writes to stderr).</summary>
        public string CombinedOutput =>
            StandardOutput.Length == 0 ? StandardError
            : StandardError.Length == 0 ? StandardOutput
            : StandardOutput.TrimEnd('\r', '\n') + Environment.NewLine + StandardError;
    }
}
