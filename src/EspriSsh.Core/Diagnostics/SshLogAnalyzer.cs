using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Reads ssh -vvv's logs host by host (the jump hosts first, the final host last) and names what
    /// each shows: which host logged in, which refused which key, which key needed a passphrase,
    /// host key and network trouble. The login "works" only when the final host authenticated; a host
    /// never reached because an earlier one stopped ssh gets no finding of its own.
    /// </summary>
    internal static class SshLogAnalyzer
    {
        public static IEnumerable<Finding> Analyze(IReadOnlyList<SshHopLog> hops, IReadOnlyCollection<Finding> known)
        {
            List<SshHopVerdict> verdicts = hops.Select(SshHopVerdict.Read).ToList();
            SshHopVerdict target = verdicts[verdicts.Count - 1];
            string via = verdicts.Count == 1 ? "" : " through " + string.Join(", ", verdicts.Take(verdicts.Count - 1).Select(v => v.Host));
            if (target.Authenticated)
            {
                yield return new Finding("SshLoginWorks", FindingSeverity.Info,
                    $"ssh logged in to {target.Host}{via} with a key, asking nothing: the key setup works from this computer.",
                    "Nothing to fix for ssh; if an application still fails, send this report with its error message.", target.Host);
                yield break;
            }

            var reported = new List<Finding>(known);
            foreach (SshHopVerdict hop in verdicts)
            {
                bool isTarget = hop == target;
                if (!isTarget && hop.Authenticated)
                {
                    yield return new Finding("JumpHostLoginWorks", FindingSeverity.Info,
                        $"ssh logged in to the jump host {hop.Host} with a key: the way to {target.Host} through it works up to there.",
                        $"Nothing to fix for {hop.Host}.", hop.Host);
                    if (hop == verdicts[verdicts.Count - 2] && !target.Reached && ChannelFailure(hop) is string channel)
                    {
                        yield return new Finding("JumpChannelFailed", FindingSeverity.Error,
                            $"{hop.Host} could not open the way on to {target.Host}: {channel}",
                            $"Check the HostName and Port of {target.Host} in your ssh config; if they are right, {hop.Host} cannot reach it: tell the IT team.", hop.Host);
                        yield break;
                    }

                    continue;
                }

                foreach (Finding finding in HopFindings(hop, isTarget, reported))
                {
                    reported.Add(finding);
                    yield return finding;
                }

                if (!isTarget)
                {
                    yield return new Finding("HostNotReached", FindingSeverity.Info,
                        $"ssh did not get to {target.Host}: the jump host {hop.Host} stopped it first (see above).",
                        $"Fix what stops {hop.Host}; {target.Host} is tested once it is passed.", target.Host);
                    yield break;
                }
            }
        }

        private static IEnumerable<Finding> HopFindings(SshHopVerdict hop, bool isTarget, IReadOnlyCollection<Finding> known)
        {
            string host = hop.Host;
            string role = (isTarget ? "the host " : "the jump host ") + host;
            foreach (Finding network in NetworkFindings(hop, role))
            {
                yield return network;
            }

            foreach (string path in hop.TooOpen.Where(p => !known.Any(f => f.Code == "KeyFileTooOpen" && SamePath(f.Target, p))))
            {
                yield return new Finding("KeyFileTooOpen", FindingSeverity.Error,
                    $"ssh ignored the private key {path}: its rights are too open (\"UNPROTECTED PRIVATE KEY FILE\").",
                    FixText.Run("Restrict it to yourself:", FixRights(path)), path);
            }

            foreach (string path in hop.Missing.Where(p => !known.Any(f => f.Code == "IdentityFileMissing" && f.Target == p)))
            {
                yield return new Finding("IdentityFileMissing", FindingSeverity.Warning,
                    $"The ssh configuration names the key {path} for {role}, which does not exist.",
                    "Correct the IdentityFile line of your ssh config, or make the key with New-EspriKey.", path);
            }

            if (hop.Line("REMOTE HOST IDENTIFICATION HAS CHANGED") != null)
            {
                yield return new Finding("HostKeyChanged", FindingSeverity.Error,
                    $"The host key of {role} differs from the one in your known_hosts: ssh refuses to connect (a reinstalled server, or an attack).",
                    FixText.Run("Compare with the fingerprints the site publishes (Get-EspriSite); only if they match, remove the old entry:", $"ssh-keygen -R {host}"), host);
            }
            else if (hop.Line("Host key verification failed") != null)
            {
                yield return new Finding("HostKeyUnknown", FindingSeverity.Warning,
                    $"{Capital(role)} is not yet in your known_hosts, and the report's ssh may not ask you to trust it.",
                    FixText.Run("Connect once in a terminal, check the fingerprint ssh shows against the one the site publishes, and answer yes:", $"ssh {host}"), host);
            }

            if (hop.Line("Too many authentication failures") != null)
            {
                yield return new Finding("TooManyKeysOffered", FindingSeverity.Error,
                    $"ssh offered so many keys to {role} that it closed the connection before the right one.",
                    $"Add 'IdentitiesOnly yes' and one 'IdentityFile' line to the Host {host} block of your ssh config.", host);
            }

            if (hop.Line("agent refused operation") != null || hop.Line("signing failed") != null)
            {
                yield return new Finding("AgentSigningFailed", FindingSeverity.Error,
                    $"The ssh agent holds the key for {role} but refused to sign with it.",
                    FixText.Run("Remove the keys from the agent and add yours again:", "ssh-add -D; ssh-add <your key file>"), host);
            }

            if (hop.Denied)
            {
                foreach (Finding auth in AuthenticationFindings(hop, role))
                {
                    yield return auth;
                }
            }
        }

        private static IEnumerable<Finding> NetworkFindings(SshHopVerdict hop, string role)
        {
            string host = hop.Host;
            string? evidence;
            if ((evidence = hop.Line("Could not resolve hostname")) != null)
            {
                yield return new Finding("HostNotResolved", FindingSeverity.Error, $"The name of {role} could not be resolved: {evidence}",
                    "Check the host name (Get-EspriSite lists them) and your network/VPN; from outside the lab some hosts are reachable only through a head node.", host);
            }
            else if ((evidence = hop.Line("Connection timed out") ?? hop.Line("Operation timed out") ?? hop.Line("timed out during banner exchange")) != null)
            {
                yield return new Finding("ConnectTimeout", FindingSeverity.Error, $"No answer from {role}: {evidence}",
                    "Check your network, VPN or firewall (port 22 outgoing); try another head node.", host);
            }
            else if ((evidence = hop.Line("Connection refused")) != null)
            {
                yield return new Finding("ConnectionRefused", FindingSeverity.Error, $"{Capital(role)} refused the connection: {evidence}",
                    "Check the host name and port in your ssh config; the ssh service may be down: try another head node.", host);
            }
            else if ((evidence = hop.Line("Network is unreachable") ?? hop.Line("No route to host")) != null)
            {
                yield return new Finding("NetworkUnreachable", FindingSeverity.Error, $"The network path to {role} is missing: {evidence}",
                    "Connect to the network (or VPN) the site requires, then try again.", host);
            }
            else if (!hop.Denied && hop.Line("Host key verification failed") == null
                && (evidence = hop.Line("kex_exchange_identification") ?? hop.Line("Connection closed by")) != null)
            {
                yield return new Finding("ConnectionClosed", FindingSeverity.Error, $"{Capital(role)} closed the connection before login: {evidence}",
                    "Your address may be blocked after failed attempts, or a proxy intercepts ssh: wait some minutes, then send this report to support.", host);
            }
        }

        private static IEnumerable<Finding> AuthenticationFindings(SshHopVerdict hop, string role)
        {
            string host = hop.Host;
            foreach (SshKeyTry key in hop.Keys.Where(k => k.Accepted && k.NotSigned && !hop.TooOpen.Contains(k.Path)))
            {
                yield return key.FromAgent
                    ? new Finding("KeyAcceptedButUnusable", FindingSeverity.Error,
                        $"{Capital(role)} knows the key {key}, but the agent that holds it did not sign.",
                        FixText.Run("Remove the key from the agent and add it again:", $"ssh-add -d {UntrustedText.QuotedArgument(key.Path)}; ssh-add {UntrustedText.QuotedArgument(key.Path)}"), key.Path)
                    : new Finding("KeyPassphraseNeeded", FindingSeverity.Warning,
                        $"{Capital(role)} knows the key {key}, but ssh could not use it: its passphrase is needed, no agent holds it, and the report's ssh may ask nothing.",
                        FixText.Run("Load the key in your agent once per session; then ssh asks nothing (and this report can log in):", $"ssh-add {UntrustedText.QuotedArgument(key.Path)}"), key.Path);
            }

            List<SshKeyTry> refused = hop.Keys.Where(k => !k.Accepted).ToList();
            if (refused.Count > 0)
            {
                yield return new Finding("KeyNotRegistered", FindingSeverity.Error,
                    $"{Capital(role)} refused the key(s) offered: {string.Join(", ", refused)}. Their public key is not registered for this login on {host}.",
                    $"Have the public key (.pub) registered for your login on {host} (check it first with Test-EspriPublicKey), or use the key that is registered.", host);
            }
            else if (hop.Keys.Count == 0)
            {
                yield return new Finding("NoKeyOffered", FindingSeverity.Error,
                    $"ssh had no key to offer to {role}: the login was refused.",
                    "Make a key with New-EspriKey (or name yours with IdentityFile in your ssh config) and register its public key.", host);
            }
        }

        /// <summary>Why a jump host that logged in could not forward the connection on (its log says it).</summary>
        private static string? ChannelFailure(SshHopVerdict hop) =>
            hop.Line("open failed") ?? hop.Line("stdio forwarding failed") ?? hop.Line("administratively prohibited");

        private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

        private static string FixRights(string path) => HostPlatform.IsWindows
            ? $"icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:F\""
            : $"chmod 600 {UntrustedText.QuotedArgument(path)}";

        private static bool SamePath(string? a, string b)
        {
            if (a == null)
            {
                return false;
            }

            try
            {
                return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.OrdinalIgnoreCase);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
