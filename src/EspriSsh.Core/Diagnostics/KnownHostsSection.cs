using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>The host keys already trusted for the host (known_hosts lines with fingerprints), and the site's published ones.</summary>
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

            KnownHosts known = KnownHosts.Load(plan.UserKnownHostsFiles, plan.GlobalKnownHostsFiles);
            section.Field("Files", string.Join(", ", known.Files.Select(f => f.Path + (File.Exists(f.Path) ? "" : " (does not exist)"))));
            foreach (HopPlan hop in plan.Hops)
            {
                section.Field("Host", KnownHostEntry.LookupName(hop.HostName, hop.Port) + (hop != plan.Target ? " (jump host)" : ""));
                IReadOnlyList<KnownHostEntry> entries = known.Find(hop.HostName, hop.Port);
                if (entries.Count == 0)
                {
                    section.Line("No entry: the first connection will ask you to check and accept the host key.");
                }

                foreach (KnownHostEntry entry in entries)
                {
                    section.Line($"{entry.Location}: {entry.KeyType} {entry.Fingerprint}"
                        + (entry.IsHashed ? " (hashed name)" : "") + (entry.Marker == KnownHostMarker.None ? "" : " @" + entry.Marker.ToString().ToLowerInvariant()));
                }
            }

            foreach (KnownHostsFile file in known.Files.Where(f => f.UnreadableLines.Count > 0))
            {
                section.Line($"Unreadable lines in {file.Path} (ssh ignores them): " + string.Join(", ", file.UnreadableLines));
            }

            var published = context.Request.Site.HostKeyFingerprints;
            section.Field("Host keys published by the site", published.Count == 0 ? "(none in the site profile)" : string.Join("; ", published.Select(p => p.HostName + " " + p.KeyType + " " + p.Fingerprint)));
            return section;
        }
    }
}
