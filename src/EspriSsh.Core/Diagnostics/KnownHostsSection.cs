using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The host keys already trusted for each host reached (known_hosts lines with fingerprints, under
    /// the HostKeyAlias when there is one, in that host's own files), and the site's published ones.
    /// /dev/null and "UserKnownHostsFile none" are said as ssh reads them; a file that cannot be read
    /// is said, never the end of the report.
    /// </summary>
    internal static class KnownHostsSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            var section = new ReportSection($"known_hosts entries for {context.Request.HostName}");
            ConnectionPlan? plan = ConnectionPlanning.PlanFor(context);
            if (plan == null)
            {
                section.Line("Not looked up: " + context.PlanError);
                return section;
            }

            foreach (HopPlan hop in plan.Hops)
            {
                KnownHostsSettings files = plan.KnownHostsFor(hop);
                var (name, port) = files.LookupFor(hop);
                section.Field("Host", KnownHostEntry.LookupName(name, port) + (files.Alias != null ? " (HostKeyAlias of " + hop.HostName + ")" : "") + (hop != plan.Target ? " (jump host)" : ""));
                section.Field("Files", files.UserFiles.Count == 0 ? "none (UserKnownHostsFile none: ssh records no host key for this host and cannot accept a new one)" : Describe(files.UserFiles));
                section.Field("System files", files.GlobalFiles.Count == 0 ? "none" : Describe(files.GlobalFiles));
                KnownHosts known;
                try
                {
                    known = KnownHosts.Load(files);
                }
                catch (EspriException ex)
                {
                    section.Line("Could not be read: " + ex.Message);
                    context.Add(new Finding("KnownHostsUnreadable", FindingSeverity.Warning, ex.Message,
                        "Correct or remove that known_hosts file (UserKnownHostsFile / GlobalKnownHostsFile in your ssh config).", ex.Target?.ToString()));
                    continue;
                }

                IReadOnlyList<KnownHostEntry> entries = known.Find(name, port);
                if (entries.Count == 0)
                {
                    section.Line(files.UserFiles.Count == 0 ? "No entry, and nowhere to record one: ssh will refuse to connect (\"Host key verification failed\")."
                        : "No entry: the first connection will ask you to check and accept the host key.");
                }

                foreach (KnownHostEntry entry in entries)
                {
                    section.Line($"{entry.Location}: {entry.KeyType} {entry.Fingerprint}"
                        + (entry.IsHashed ? " (hashed name)" : "") + (entry.Marker == KnownHostMarker.None ? "" : " @" + entry.Marker.ToString().ToLowerInvariant()));
                }

                foreach (KnownHostsFile file in known.Files.Where(f => f.UnreadableLines.Count > 0))
                {
                    section.Line($"Unreadable lines in {file.Path} (ssh ignores them): " + string.Join(", ", file.UnreadableLines));
                }
            }

            var published = context.Request.Site.HostKeyFingerprints;
            section.Field("Host keys published by the site", published.Count == 0 ? "(none in the site profile)" : string.Join("; ", published.Select(p => p.HostName + " " + p.KeyType + " " + p.Fingerprint)));
            return section;
        }

        private static string Describe(IEnumerable<string> files) => string.Join(", ", files.Select(f =>
            f + (f == "/dev/null" ? " (always empty: nothing is kept)" : File.Exists(f) ? "" : " (does not exist)")));
    }
}
