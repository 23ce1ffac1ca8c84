using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// What `ssh -G -F file host` answered: whether ssh accepts the config for that host, the settings
    /// it would use ("key value" lines, keys in lower case), and when it refuses, its own words and the
    /// file and line it names.
    /// </summary>
    public sealed class SshConfigAnswer
    {
        // "FILE line N: ..." and "FILE: line N: ..." (readconf.c writes both).
        private static readonly Regex Located = new Regex(@"^(?<file>.+?):? line (?<line>\d+):\s*(?<message>.*)$");

        private readonly List<KeyValuePair<string, string>> entries = new List<KeyValuePair<string, string>>();

        internal SshConfigAnswer(CommandResult result, string ssh)
        {
            Ssh = ssh;
            CommandLine = result.CommandLine;
            Elapsed = result.Elapsed;
            Ran = result.ExitCode != null && !result.NotFound;
            Failure = result.Failure;
            Accepted = result.Succeeded;
            foreach (string line in result.StandardOutput.Split('\n'))
            {
                int space = line.IndexOf(' ');
                if (space > 0)
                {
                    entries.Add(new KeyValuePair<string, string>(line.Substring(0, space), line.Substring(space + 1).TrimEnd('\r')));
                }
            }

            // The pseudo-terminal notice and the closing count are not reasons.
            Messages = result.StandardError.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0
                && !l.StartsWith("Pseudo-terminal will not be allocated", StringComparison.Ordinal)
                && !l.EndsWith("bad configuration options", StringComparison.Ordinal)).ToList();
            var before = new List<string>();
            foreach (string message in Messages)
            {
                Match m = Located.Match(message);
                if (m.Success)
                {
                    File = m.Groups["file"].Value;
                    Line = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    // What ssh said just before, without a line ("Missing Match criteria for host"), is the cause.
                    Reason = string.Join("; ", before.Concat(new[] { m.Groups["message"].Value }));
                    break;
                }

                before.Add(message);
            }

            Reason ??= Messages.FirstOrDefault() ?? (Accepted ? null : Failure ?? $"exit code {result.ExitCode}");
        }

        /// <summary>The ssh program asked.</summary>
        public string Ssh { get; }

        public string CommandLine { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>False when ssh could not be run or did not finish: then it gave no verdict.</summary>
        public bool Ran { get; }

        /// <summary>Why ssh gave no verdict; null when it ran.</summary>
        public string? Failure { get; }

        /// <summary>ssh accepts the config for this host (exit code 0).</summary>
        public bool Accepted { get; }

        /// <summary>What ssh wrote on stderr, its notices too.</summary>
        public IReadOnlyList<string> Messages { get; }

        /// <summary>ssh's reason for refusing (the message of the first line it names, else its first message).</summary>
        public string? Reason { get; }

        /// <summary>The file ssh names in its first located message; null when it names none.</summary>
        public string? File { get; }

        public int? Line { get; }

        /// <summary>The first value ssh prints for a key (lower case), or null.</summary>
        public string? Get(string key) => entries.Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();

        /// <summary>Every value ssh prints for a key (identityfile, certificatefile...).</summary>
        public IReadOnlyList<string> GetAll(string key) => entries.Where(e => e.Key == key).Select(e => e.Value).ToList();
    }
}
