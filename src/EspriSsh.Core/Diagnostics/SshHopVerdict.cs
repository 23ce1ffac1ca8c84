using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// What one host's ssh -vvv log says happened, read as a support person reads it: was the host
    /// reached, did the login work, which keys went out and what the server said of each, which one
    /// ssh could not sign with (its passphrase was needed and nobody may be asked).
    /// </summary>
    internal sealed class SshHopVerdict
    {
        private static readonly Regex KeyLine = new Regex(@"^debug1: (?<what>Offering public key|Server accepts key): (?<path>.+?) (?<type>[A-Z][A-Z0-9-]*) (?<fp>SHA256:[A-Za-z0-9+/]+)(?<how>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex BadPermissions = new Regex(@"Load key ""(?<path>[^""]+)"": bad permissions", RegexOptions.CultureInvariant);
        private static readonly Regex NoSuchIdentity = new Regex(@"no such identity: (?<path>.+?): No such file", RegexOptions.CultureInvariant);

        private SshHopVerdict(SshHopLog log) => Log = log;

        public SshHopLog Log { get; }

        public string Host => Log.Host;

        /// <summary>ssh logged in to this host ("Authenticated to").</summary>
        public bool Authenticated { get; private set; }

        /// <summary>The server sent its SSH version: the network path to it works.</summary>
        public bool Reached { get; private set; }

        /// <summary>The server refused the login ("Permission denied").</summary>
        public bool Denied { get; private set; }

        public List<SshKeyTry> Keys { get; } = new List<SshKeyTry>();

        /// <summary>Private keys ssh could not load because of their rights.</summary>
        public List<string> TooOpen { get; } = new List<string>();

        /// <summary>IdentityFile lines naming a file that does not exist.</summary>
        public List<string> Missing { get; } = new List<string>();

        public string? Line(string contains) => Log.Lines.FirstOrDefault(l => l.IndexOf(contains, StringComparison.OrdinalIgnoreCase) >= 0)?.Trim();

        public static SshHopVerdict Read(SshHopLog log)
        {
            var verdict = new SshHopVerdict(log);
            SshKeyTry? current = null;
            foreach (string line in log.Lines)
            {
                Match key = KeyLine.Match(line);
                if (key.Success)
                {
                    string fingerprint = key.Groups["fp"].Value;
                    current = verdict.Keys.FirstOrDefault(k => k.Fingerprint == fingerprint);
                    if (current == null)
                    {
                        current = new SshKeyTry(key.Groups["path"].Value, key.Groups["type"].Value, fingerprint, key.Groups["how"].Value.Contains(" agent"));
                        verdict.Keys.Add(current);
                    }

                    current.Accepted |= key.Groups["what"].Value == "Server accepts key";
                }
                else if (line.StartsWith("debug2: we did not send a packet", StringComparison.Ordinal) && current?.Accepted == true)
                {
                    current.NotSigned = true;
                }
                else if (line.StartsWith("Authenticated to ", StringComparison.Ordinal) || line.StartsWith("debug1: Authentication succeeded", StringComparison.Ordinal))
                {
                    verdict.Authenticated = true;
                }
                else if (line.StartsWith("debug1: Remote protocol version", StringComparison.Ordinal))
                {
                    verdict.Reached = true;
                }
                else if (line.IndexOf(": Permission denied (", StringComparison.Ordinal) >= 0)
                {
                    verdict.Denied = true;
                }

                Add(verdict.TooOpen, BadPermissions.Match(line));
                Add(verdict.Missing, NoSuchIdentity.Match(line));
            }

            return verdict;
        }

        private static void Add(List<string> list, Match match)
        {
            if (match.Success && !list.Contains(match.Groups["path"].Value))
            {
                list.Add(match.Groups["path"].Value);
            }
        }
    }
}
