using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EspriSsh.Core.Display;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Reads an `ssh -vvv` log the way a support person would and names the problems it shows:
    /// which keys were offered and refused, unreadable keys, host key trouble, network failures.
    /// </summary>
    internal static class SshLogAnalyzer
    {
        private static readonly Regex Offered = new Regex(@"Offering public key: (?<path>.+?) (?<type>[A-Z][A-Z0-9-]*) (?<fp>SHA256:[A-Za-z0-9+/]+)", RegexOptions.CultureInvariant);
        private static readonly Regex Accepted = new Regex(@"Server accepts key: (?<path>.+?) (?<type>[A-Z][A-Z0-9-]*) (?<fp>SHA256:[A-Za-z0-9+/]+)", RegexOptions.CultureInvariant);
        private static readonly Regex BadPermissions = new Regex(@"Load key ""(?<path>[^""]+)"": bad permissions", RegexOptions.CultureInvariant);
        private static readonly Regex NoSuchIdentity = new Regex(@"no such identity: (?<path>.+?): No such file", RegexOptions.CultureInvariant);

        public static IEnumerable<Finding> Analyze(string log, string host, IReadOnlyCollection<Finding> known)
        {
            string[] lines = log.Replace("\r\n", "\n").Split('\n');
            string? Line(string contains) => lines.FirstOrDefault(l => l.IndexOf(contains, StringComparison.OrdinalIgnoreCase) >= 0)?.Trim();

            if (Line("Authenticated to") != null || Line("Authentication succeeded") != null)
            {
                yield return new Finding("SshLoginWorks", FindingSeverity.Info,
                    $"ssh logged in to {host} with a key (BatchMode): the key setup works from this computer.",
                    "Nothing to fix for ssh; if an application still fails, send this report with its error message.", host);
                yield break;
            }

            foreach (Finding network in NetworkFindings(Line, host))
            {
                yield return network;
            }

            foreach (Match m in lines.Select(l => BadPermissions.Match(l)).Where(m => m.Success))
            {
                string path = m.Groups["path"].Value;
                if (!known.Any(f => f.Code == "KeyFileTooOpen" && SamePath(f.Target, path)))
                {
                    yield return new Finding("KeyFileTooOpen", FindingSeverity.Error,
                        $"ssh ignored the private key {path}: its rights are too open (\"UNPROTECTED PRIVATE KEY FILE\").",
                        FixRights(path), path);
                }
            }

            foreach (Match m in lines.Select(l => NoSuchIdentity.Match(l)).Where(m => m.Success))
            {
                string path = m.Groups["path"].Value;
                yield return new Finding("IdentityFileMissing", FindingSeverity.Warning,
                    $"The ssh configuration names the key {path}, which does not exist.",
                    "Correct the IdentityFile line of your ssh config, or make the key with New-EspriKey.", path);
            }

            if (Line("REMOTE HOST IDENTIFICATION HAS CHANGED") != null)
            {
                yield return new Finding("HostKeyChanged", FindingSeverity.Error,
                    $"The host key of {host} differs from the one in your known_hosts: ssh refuses to connect (a reinstalled server, or an attack).",
                    $"Compare with the fingerprints the site publishes (Get-EspriSite); if they match, remove the old entry: ssh-keygen -R {host}", host);
            }
            else if (Line("Host key verification failed") != null)
            {
                yield return new Finding("HostKeyUnknown", FindingSeverity.Warning,
                    $"{host} is not yet in your known_hosts, and a non-interactive ssh cannot ask you to trust it.",
                    $"Connect once interactively (ssh {host}), check the fingerprint against the site's, and answer yes.", host);
            }

            if (Line("Too many authentication failures") != null)
            {
                yield return new Finding("TooManyKeysOffered", FindingSeverity.Error,
                    "ssh offered so many keys that the server closed the connection before the right one.",
                    $"Add 'IdentitiesOnly yes' and one 'IdentityFile' line to the Host {host} block of your ssh config.", host);
            }

            if (Line("agent refused operation") != null || Line("signing failed") != null)
            {
                yield return new Finding("AgentSigningFailed", FindingSeverity.Error,
                    "The ssh agent holds the key but refused to sign with it.",
                    "Remove and add the key again: ssh-add -D, then ssh-add <your key>.", host);
            }

            if (Line("Permission denied") != null)
            {
                foreach (Finding auth in AuthenticationFindings(lines, host))
                {
                    yield return auth;
                }
            }
        }

        private static IEnumerable<Finding> NetworkFindings(Func<string, string?> line, string host)
        {
            string? evidence;
            if ((evidence = line("Could not resolve hostname")) != null)
            {
                yield return new Finding("HostNotResolved", FindingSeverity.Error, $"The name could not be resolved: {evidence}",
                    "Check the host name (Get-EspriSite lists them) and your network/VPN; from outside the lab some hosts are reachable only through a head node.", host);
            }
            else if ((evidence = line("Connection timed out") ?? line("Operation timed out") ?? line("timed out during banner exchange")) != null)
            {
                yield return new Finding("ConnectTimeout", FindingSeverity.Error, $"No answer from the server: {evidence}",
                    "Check your network, VPN or firewall (port 22 outgoing); try another head node.", host);
            }
            else if ((evidence = line("Connection refused")) != null)
            {
                yield return new Finding("ConnectionRefused", FindingSeverity.Error, $"The server refused the connection: {evidence}",
                    "Check the host name and port in your ssh config; the ssh service may be down: try another head node.", host);
            }
            else if ((evidence = line("Network is unreachable") ?? line("No route to host")) != null)
            {
                yield return new Finding("NetworkUnreachable", FindingSeverity.Error, $"The network path to the server is missing: {evidence}",
                    "Connect to the network (or VPN) the site requires, then try again.", host);
            }
            else if ((evidence = line("kex_exchange_identification") ?? line("Connection closed by")) != null && line("Permission denied") == null)
            {
                yield return new Finding("ConnectionClosed", FindingSeverity.Error, $"The server closed the connection before login: {evidence}",
                    "Your address may be blocked after failed attempts, or a proxy intercepts ssh: wait some minutes, then send this report to support.", host);
            }
        }

        private static IEnumerable<Finding> AuthenticationFindings(string[] lines, string host)
        {
            var offered = lines.Select(l => Offered.Match(l)).Where(m => m.Success)
                .Select(m => (Path: m.Groups["path"].Value, Type: m.Groups["type"].Value, Fingerprint: m.Groups["fp"].Value))
                .Distinct().ToList();
            var acceptedFingerprints = new HashSet<string>(lines.Select(l => Accepted.Match(l)).Where(m => m.Success).Select(m => m.Groups["fp"].Value));
            var refused = offered.Where(o => !acceptedFingerprints.Contains(o.Fingerprint)).ToList();
            var acceptedButUnused = offered.Where(o => acceptedFingerprints.Contains(o.Fingerprint)).ToList();

            foreach (var key in acceptedButUnused)
            {
                yield return new Finding("KeyAcceptedButUnusable", FindingSeverity.Error,
                    $"The server knows the key {key.Path} ({key.Type} {key.Fingerprint}), but ssh could not use its private part (rights too open, wrong passphrase, or no agent).",
                    $"Fix the key file's rights (chmod 600), or load it in your agent with ssh-add {UntrustedText.QuotedArgument(key.Path)}, then try again.", key.Path);
            }

            if (refused.Count > 0)
            {
                string names = string.Join(", ", refused.Select(k => $"{k.Path} ({k.Type} {k.Fingerprint})"));
                yield return new Finding("KeyNotRegistered", FindingSeverity.Error,
                    $"The server refused the key(s) offered: {names}. Their public key is not registered for this login on {host}.",
                    "Register the public key (.pub) in your ESPRI account (check it first with Test-EspriPublicKey), or use the key that is registered.", host);
            }
            else if (offered.Count == 0)
            {
                yield return new Finding("NoKeyOffered", FindingSeverity.Error,
                    $"ssh had no key to offer to {host}: the login was refused.",
                    "Make a key with New-EspriKey (or name yours with IdentityFile in your ssh config) and register its public key.", host);
            }
        }

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
