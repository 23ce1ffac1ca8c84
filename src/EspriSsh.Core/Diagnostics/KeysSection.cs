using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Every key of the ssh directory as Get-EspriKey sees it (the same KeyInventory engine, never a
    /// second scanner): type, bits, passphrase, fingerprint, .pub match, rights, site verdict, agent.
    /// Each problem the inventory names becomes a finding; rights problems are the listing's.
    /// </summary>
    internal static class KeysSection
    {
        private const int MaxListed = 100;

        private static readonly string[] CommandStarts = { "ssh-keygen ", "Install-EspriKey ", "New-EspriKey", "Repair-EspriKeyPermission ", "chmod ", "icacls ", "Copy-Item ", "openssl " };

        public static ReportSection Collect(ReportContext context)
        {
            string directory = context.Request.SshDirectory;
            var section = new ReportSection("Keys in " + directory + " (as Get-EspriKey sees them)");
            if (!Directory.Exists(directory))
            {
                return section.Line("No ssh directory, no key.");
            }

            SiteProfile site = context.Request.Site;
            var options = new KeyInventoryOptions(site) { AgentFingerprints = context.AgentStatus.Identities?.Select(i => i.Fingerprint).ToList() };
            var entries = KeyInventory.Scan(directory, options);
            if (entries.Count == 0)
            {
                section.Line("No key found.");
                context.Add(new Finding("NoKey", FindingSeverity.Error, $"There is no SSH key in {directory}.",
                    "Make one with New-EspriKey, then register its public key in your ESPRI account.", directory));
            }

            // Every key is judged (findings), a readable number listed: a folder of junk files must not make megabytes.
            for (int i = 0; i < entries.Count; i++)
            {
                KeyEntry key = entries[i];
                if (i == MaxListed)
                {
                    section.Line($"(and {entries.Count - MaxListed} more files, not listed)");
                }

                if (i >= MaxListed)
                {
                    AddFindings(context, key, site);
                    continue;
                }

                section.Line(Path.GetFileName(key.Path) + " (" + (key.Format ?? "unreadable") + ", " + key.Kind.ToString().ToLowerInvariant() + ")");
                section.Line("    " + string.Join("; ",
                    (key.Type ?? "type unknown") + (key.Bits == null ? "" : ", " + key.Bits + " bits"),
                    "passphrase: " + YesNo(key.Encrypted, "n/a"),
                    key.Fingerprint ?? "no fingerprint"));
                section.Line("    " + string.Join("; ",
                    ".pub: " + PublicKeyState(key),
                    "rights: " + (key.Permissions ?? "n/a") + (key.PermissionsOk == false ? " (TOO OPEN)" : ""),
                    "site: " + (key.SitePolicy?.ToString() ?? "unknown"),
                    "in agent: " + YesNo(key.InAgent, "unknown")));
                foreach (string problem in key.Problems)
                {
                    section.Line("    Problem: " + problem);
                }

                AddFindings(context, key, site);
            }

            return section;
        }

        private static void AddFindings(ReportContext context, KeyEntry key, SiteProfile site)
        {
            foreach (string problem in key.Problems)
            {
                // The rights problem (the inventory adds Repair-EspriKeyPermission to it) is already a finding of the listing.
                if (key.PermissionsOk != false || problem.IndexOf("Repair-EspriKeyPermission", StringComparison.Ordinal) < 0)
                {
                    context.Add(ToFinding(key, problem, site));
                }
            }
        }

        private static Finding ToFinding(KeyEntry key, string problem, SiteProfile site)
        {
            string name = UntrustedText.Escape(Path.GetFileName(key.Path));
            if (problem.StartsWith(site.Name + ":", StringComparison.Ordinal) && key.SitePolicy != null)
            {
                return key.SitePolicy == KeyPolicyVerdict.Refused
                    ? new Finding("KeyTypeRefused", FindingSeverity.Error, $"The key {name} ({key.Type}, {key.Bits} bits) is refused by the site: {key.SitePolicyReason}",
                        "Make an ED25519 key with New-EspriKey and register its public key instead.", key.Path)
                    : new Finding("KeyTypeTolerated", FindingSeverity.Warning, $"The key {name} ({key.Type}, {key.Bits} bits) is only tolerated by the site: {key.SitePolicyReason}",
                        "Prefer an ED25519 key: New-EspriKey, then register its public key.", key.Path);
            }

            return new Finding(key.PublicKeyMatches == false && problem.Contains("public half") ? "PublicKeyMismatch" : "KeyProblem",
                key.PublicKeyMatches == false ? FindingSeverity.Error : FindingSeverity.Warning,
                $"The key {name}: {problem}", CommandIn(problem) ?? "See the key section of the report.", key.Path);
        }

        /// <summary>The inventory's problems end with the command that fixes them; that is the one-line fix.</summary>
        private static string? CommandIn(string problem)
        {
            int best = -1;
            foreach (string start in CommandStarts)
            {
                int at = problem.LastIndexOf(start, StringComparison.Ordinal);
                best = Math.Max(best, at);
            }

            return best < 0 ? null : problem.Substring(best).TrimEnd('.', ')', ' ');
        }

        private static string PublicKeyState(KeyEntry key) =>
            key.Kind == KeyEntryKind.Certificate ? "(certificate" + (key.Certificate == null ? ")" : ": " + key.Certificate + ")")
            : !key.HasPublicKey ? "missing"
            : key.PublicKeyMatches == true ? "matches"
            : key.PublicKeyMatches == false ? "DOES NOT MATCH"
            : key.Kind == KeyEntryKind.Public ? "(this is the .pub)" : "present";

        private static string YesNo(bool? value, string unknown) => value == null ? unknown : value.Value ? "yes" : "no";
    }
}
