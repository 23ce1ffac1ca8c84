using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// ssh.c between the two readings of the config: HostName (with %h) replaces the name typed, a
    /// name is lower-cased unless it is an address, an address is written canonically, and with
    /// CanonicalizeHostname the CanonicalDomains are tried (CNAMEs followed as
    /// CanonicalizePermittedCNAMEs allows). A name that must resolve and does not stops ssh.
    /// </summary>
    internal static class SshHostSettlement
    {
        /// <summary>The name ssh connects to and matches in the final pass; throws <see cref="SshConfigRefusal"/> where ssh stops.</summary>
        public static string Settle(SshOptionValues values, SshReadingState state)
        {
            string host = state.HostArgument;
            if (values.First("hostname") is SshConfigEntry hostName)
            {
                host = new SshExpansion(_ => null).Percent(hostName.Arguments[0], new Dictionary<char, string> { ['h'] = host }, out string? problem)
                    ?? Refuse(state, hostName.Source, "percent_expand: " + problem);
            }

            string? family = values.First("addressfamily")?.Arguments[0].ToLowerInvariant();
            string? address = SshHostNames.CanonicalAddress(host, family);
            bool wasAddress = address != null || SshHostNames.LooksLikeAddress(host);
            if (!wasAddress)
            {
                host = HostPatternMatcher.LowerAscii(host);
            }

            string canonicalize = (values.First("canonicalizehostname")?.Arguments[0] ?? "no").ToLowerInvariant();
            bool on = canonicalize != "no" && canonicalize != "false";
            if (address != null)
            {
                return address;
            }

            bool direct = IsNone(values.First("proxycommand")) && !values.JumpSet;
            bool always = canonicalize == "always";
            bool resolved = false;
            if (on && !wasAddress && (direct || always))
            {
                host = Canonicalize(values, state, host, direct, ref resolved);
            }

            IReadOnlyList<(string Source, string Target)> cnames = PermittedCnames(values);
            if (!resolved && cnames.Count > 0 && (direct || always))
            {
                string? canonical = state.Options.HostLookup(host);
                if (canonical == null)
                {
                    if (direct)
                    {
                        Refuse(state, null, $"ssh: Could not resolve hostname {host}: Name or service not known");
                    }
                }
                else
                {
                    host = FollowCname(host, canonical, cnames);
                }
            }

            return host;
        }

        private static string Canonicalize(SshOptionValues values, SshReadingState state, string host, bool direct, ref bool resolved)
        {
            IReadOnlyList<(string Source, string Target)> cnames = PermittedCnames(values);
            if (host.EndsWith(".", StringComparison.Ordinal))
            {
                if (state.Options.HostLookup(host) is string canonical)
                {
                    resolved = true;
                    return FollowCname(host.Substring(0, host.Length - 1), canonical, direct ? cnames : Array.Empty<(string, string)>());
                }

                return NotFound(values, state, host);
            }

            int maxDots = values.First("canonicalizemaxdots") is SshConfigEntry dots ? int.Parse(dots.Arguments[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
            if (host.Count(c => c == '.') > maxDots)
            {
                return host;
            }

            foreach (string domain in values.First("canonicaldomains")?.Arguments ?? (IReadOnlyList<string>)Array.Empty<string>())
            {
                if (domain.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                string full = host + "." + domain + ".";
                if (state.Options.HostLookup(full) is string canonical)
                {
                    resolved = true;
                    return FollowCname(full.Substring(0, full.Length - 1), canonical, direct ? cnames : Array.Empty<(string, string)>());
                }
            }

            return NotFound(values, state, host);
        }

        private static string NotFound(SshOptionValues values, SshReadingState state, string host)
        {
            string fallback = values.First("canonicalizefallbacklocal")?.Arguments[0].ToLowerInvariant() ?? "yes";
            return fallback == "no" || fallback == "false" ? Refuse(state, null, $"ssh: Could not resolve host \"{host}\"") : host;
        }

        /// <summary>check_follow_cname: the CNAME target replaces the name when a rule allows both.</summary>
        private static string FollowCname(string name, string canonical, IReadOnlyList<(string Source, string Target)> rules)
        {
            string target = canonical.TrimEnd('.');
            if (target.Length == 0 || target == name)
            {
                return name;
            }

            return rules.Any(r => HostPatternMatcher.PatternListResult(name, r.Source, true) == 1 && HostPatternMatcher.PatternListResult(target, r.Target, true) == 1)
                ? target : name;
        }

        private static IReadOnlyList<(string Source, string Target)> PermittedCnames(SshOptionValues values) =>
            (values.First("canonicalizepermittedcnames")?.Arguments ?? (IReadOnlyList<string>)Array.Empty<string>())
                .Where(a => !a.Equals("none", StringComparison.OrdinalIgnoreCase))
                .Select(a => a == "*" ? ("*", "*") : (a.Substring(0, a.IndexOf(':')).ToLowerInvariant(), a.Substring(a.IndexOf(':') + 1).ToLowerInvariant()))
                .ToList();

        private static bool IsNone(SshConfigEntry? entry) => entry == null || entry.Raw.Equals("none", StringComparison.OrdinalIgnoreCase);

        private static string Refuse(SshReadingState state, SshConfigLocation? location, string message)
        {
            state.Problems.Add(new SshConfigProblem(location, message));
            throw new SshConfigRefusal();
        }
    }
}
