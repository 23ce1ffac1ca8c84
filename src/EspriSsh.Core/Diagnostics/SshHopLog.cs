using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// What ssh -vvv printed for one host of the way: the final host's log (its own -E file), or a
    /// ProxyJump hop's (each hop is an ssh of its own, started with the same -F and -v, writing to
    /// the stderr the report captures).
    /// </summary>
    internal sealed class SshHopLog
    {
        // Each ssh -v starts its log with its version ("OpenSSH_9.2p1 Debian-2, OpenSSL 3.0.11 ...").
        private const string VersionBanner = "OpenSSH_";

        public SshHopLog(string host, IReadOnlyList<string> lines, bool isTarget)
        {
            Host = host;
            Lines = lines;
            IsTarget = isTarget;
        }

        /// <summary>The host as the plan names it (the alias: spirit1, jean-zay).</summary>
        public string Host { get; }

        public IReadOnlyList<string> Lines { get; }

        /// <summary>The host the user asked for (not a jump host).</summary>
        public bool IsTarget { get; }

        public static IReadOnlyList<string> SplitLines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

        /// <summary>
        /// The jump hosts' logs from the captured stderr, in the order ssh reaches the hosts. With
        /// ProxyJump a,b, ssh starts b's ssh, which starts a's: the later one starts, then authenticates
        /// while the earlier waits for it, so a line belongs to the latest ssh that has not finished
        /// authenticating, and after that to the one before.
        /// </summary>
        public static IReadOnlyList<SshHopLog> Jumps(string stderr, IReadOnlyList<string> jumpHosts)
        {
            if (jumpHosts.Count == 0)
            {
                return Array.Empty<SshHopLog>();
            }

            var processes = new List<List<string>>();
            var waiting = new Stack<List<string>>();
            foreach (string line in SplitLines(stderr))
            {
                if (line.StartsWith(VersionBanner, StringComparison.Ordinal) || waiting.Count == 0)
                {
                    var process = new List<string>();
                    processes.Add(process);
                    waiting.Push(process);
                }

                List<string> current = waiting.Peek();
                current.Add(line);
                if (waiting.Count > 1 && EndsAuthentication(line))
                {
                    waiting.Pop();
                }
            }

            // Started last = reached first: the processes in start order are the jump hosts from the last one back.
            return processes.Select((lines, i) => new SshHopLog(i < jumpHosts.Count ? jumpHosts[jumpHosts.Count - 1 - i] : jumpHosts[0], lines, isTarget: false))
                .Reverse().ToList();
        }

        /// <summary>A line after which an ssh no longer authenticates: it logged in, was refused, or never got there.</summary>
        private static bool EndsAuthentication(string line) =>
            line.StartsWith("Authenticated to ", StringComparison.Ordinal)
            || line.IndexOf(": Permission denied (", StringComparison.Ordinal) >= 0
            || line.StartsWith("Host key verification failed", StringComparison.Ordinal)
            || line.StartsWith("ssh: ", StringComparison.Ordinal)
            || line.StartsWith("kex_exchange_identification: ", StringComparison.Ordinal);
    }
}
