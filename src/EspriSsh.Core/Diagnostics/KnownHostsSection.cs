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

            foreach (HopPlan hop in plan.Hops)
            {
                string lookup = KnownHostEntry.LookupName(hop.HostName, hop.Port);
                section.Field("Host", lookup + (hop != plan.Target ? " (jump host)" : ""));
                section.Field("File", plan.KnownHostsPath + (File.Exists(plan.KnownHostsPath) ? "" : " (does not exist)"));
                if (!File.Exists(plan.KnownHostsPath))
                {
                    continue;
                }

                KnownHostsFile file = KnownHostsFile.Load(plan.KnownHostsPath);
                var entries = file.Find(hop.HostName, hop.Port);
                if (entries.Count == 0)
                {
                    section.Line("No entry: the first connection will ask you to check and accept the host key.");
                }

                foreach (KnownHostEntry entry in entries)
                {
                    section.Line($"line {entry.LineNumber}: {entry.KeyType} {entry.Fingerprint}"
                        + (entry.IsHashed ? " (hashed name)" : "") + (entry.Marker == KnownHostMarker.None ? "" : " @" + entry.Marker.ToString().ToLowerInvariant()));
                }

                if (file.UnreadableLines.Count > 0)
                {
                    section.Line("Unreadable lines (ssh ignores them): " + string.Join(", ", file.UnreadableLines));
                }
            }

            var published = SiteProfileLoader.Current.HostKeyFingerprints;
            section.Field("Host keys published by the site", published.Count == 0 ? "(none in the site profile)" : string.Join("; ", published.Select(p => p.HostName + " " + p.KeyType + " " + p.Fingerprint)));
            return section;
        }
    }
}
