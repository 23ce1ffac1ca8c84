using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// readconf.c's Options as they fill up: the first value obtained for a keyword wins, except the
    /// keywords that accumulate (IdentityFile, CertificateFile, the forwards, SendEnv). ProxyJump and
    /// ProxyCommand shadow each other: whichever comes first.
    /// </summary>
    internal sealed class SshOptionValues
    {
        private static readonly HashSet<string> Accumulating = new HashSet<string>(StringComparer.Ordinal)
        {
            "identityfile", "certificatefile", "localforward", "remoteforward", "dynamicforward", "sendenv",
        };

        private readonly Dictionary<string, SshConfigEntry> first = new Dictionary<string, SshConfigEntry>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<SshConfigEntry>> all = new Dictionary<string, List<SshConfigEntry>>(StringComparer.Ordinal);
        private bool hostNameSettled;

        /// <summary>The ProxyJump that won, parsed: null when none applies (or "ProxyJump none").</summary>
        public SshJump? Jump { get; private set; }

        /// <summary>True once "ProxyJump none" or a ProxyJump was taken (a later ProxyCommand is then ignored).</summary>
        public bool JumpSet { get; private set; }

        public SshConfigEntry? First(string keyword) => first.TryGetValue(keyword, out SshConfigEntry? entry) ? entry : null;

        public IReadOnlyList<SshConfigEntry> All(string keyword) =>
            all.TryGetValue(keyword, out List<SshConfigEntry>? list) ? list : (IReadOnlyList<SshConfigEntry>)Array.Empty<SshConfigEntry>();

        public bool Has(string keyword) => first.ContainsKey(keyword);

        /// <summary>ssh sets HostName to the settled name before its final pass: HostName lines there change nothing.</summary>
        public void SettleHostName(string name) => hostNameSettled = true;

        /// <summary>Stores the value when the keyword has none yet (or appends, for the accumulating ones).</summary>
        public void Offer(SshConfigEntry entry)
        {
            if (hostNameSettled && entry.Keyword == "hostname")
            {
                return;
            }

            if (Accumulating.Contains(entry.Keyword))
            {
                Append(entry);
                return;
            }

            if (!first.ContainsKey(entry.Keyword))
            {
                first[entry.Keyword] = entry;
            }
        }

        /// <summary>
        /// ProxyJump: taken only when neither a ProxyCommand nor a ProxyJump came first; a real jump sets
        /// ProxyCommand to none (so a later ProxyCommand is ignored), "ProxyJump none" does not (`ssh -G`
        /// then takes a later ProxyCommand).
        /// </summary>
        public void OfferJump(SshJump? jump, SshConfigEntry entry)
        {
            if (JumpSet || first.ContainsKey("proxycommand"))
            {
                return;
            }

            JumpSet = true;
            Jump = jump;
            first["proxyjump"] = entry;
            if (jump != null)
            {
                first["proxycommand"] = new SshConfigEntry("proxycommand", new[] { "none" }, "none", entry.Source);
            }
        }

        /// <summary>How many IdentityFile (or CertificateFile) values are stored: ssh stops at 100.</summary>
        public int Count(string keyword) => All(keyword).Count;

        /// <summary>SendEnv -PATTERN removes the names it matches from what earlier lines sent.</summary>
        public void RemoveSentEnvironment(string pattern)
        {
            if (all.TryGetValue("sendenv", out List<SshConfigEntry>? list))
            {
                list.RemoveAll(e => HostPatternMatcher.Glob(e.Value, pattern));
            }
        }

        private void Append(SshConfigEntry entry)
        {
            if (!all.TryGetValue(entry.Keyword, out List<SshConfigEntry>? list))
            {
                all[entry.Keyword] = list = new List<SshConfigEntry>();
                first[entry.Keyword] = entry;
            }

            // add_identity_file and add_certificate_file skip a path already listed.
            bool file = entry.Keyword == "identityfile" || entry.Keyword == "certificatefile";
            if (!(file && list.Any(e => e.Value == entry.Value)))
            {
                list.Add(entry);
            }
        }
    }
}
