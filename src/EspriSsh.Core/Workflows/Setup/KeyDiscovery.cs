using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// Finds the keys a user may already have: those in the ssh folder, and the PuTTY/MobaXterm .ppk
    /// files the site's page has Windows users save (meso_key.ppk on the Desktop) or that MobaXterm
    /// keeps. Keys the site refuses are set aside with the reason; the same key found twice counts once.
    /// </summary>
    public static class KeyDiscovery
    {
        /// <summary>Where .ppk files are looked for, relative to the home (so a sandboxed home sandboxes them too).</summary>
        public static readonly string[] PuttyKeyFolders =
        {
            "Desktop", "Downloads", "Documents",
            Path.Combine("OneDrive", "Desktop"), Path.Combine("OneDrive", "Documents"),
            Path.Combine("Documents", "MobaXterm", "home"), Path.Combine("Documents", "MobaXterm", "home", ".ssh"),
            "Bureau", "Téléchargements",
        };

        public static KeyDiscoveryResult Find(string sshDirectory, string homeDirectory, SiteProfile site)
        {
            var result = new KeyDiscoveryResult();
            var options = new KeyInventoryOptions(site);
            if (Directory.Exists(sshDirectory))
            {
                foreach (KeyEntry entry in KeyInventory.Scan(sshDirectory, options).Where(IsPrivateKey))
                {
                    Judge(entry, result);
                }
            }

            foreach (string file in PuttyKeyFiles(homeDirectory))
            {
                foreach (KeyEntry entry in KeyInventory.Scan(file, options).Where(IsPrivateKey))
                {
                    Judge(entry, result);
                }
            }

            return result;
        }

        /// <summary>The one key the file at <paramref name="path"/> holds, judged as <see cref="Find"/> judges (KeyFileNotFound when missing).</summary>
        public static KeyDiscoveryResult Inspect(string path, SiteProfile site)
        {
            var result = new KeyDiscoveryResult();
            foreach (KeyEntry entry in KeyInventory.Scan(path, new KeyInventoryOptions(site)))
            {
                Judge(entry, result);
            }

            return result;
        }

        private static void Judge(KeyEntry entry, KeyDiscoveryResult result)
        {
            if (entry.Fingerprint == null || entry.Type == null || entry.Bits == null || entry.SitePolicy == null)
            {
                string why = entry.Problems.FirstOrDefault() ?? "its type cannot be known without opening it";
                result.NotUsed.Add((entry.Path, why));
            }
            else if (entry.SitePolicy == KeyPolicyVerdict.Refused)
            {
                result.NotUsed.Add((entry.Path, entry.SitePolicyReason ?? "the site refuses this type of key"));
            }
            else if (!result.Usable.Any(c => c.Fingerprint == entry.Fingerprint))
            {
                bool putty = entry.Format?.StartsWith("PPK", StringComparison.Ordinal) == true;
                result.Usable.Add(new KeyCandidate(entry.Path, !putty, entry.Type, entry.Bits.Value, entry.Fingerprint,
                    entry.Encrypted ?? false, entry.SitePolicy.Value));
            }
        }

        // Backups (.bak) hold an earlier key on purpose: never a candidate.
        private static bool IsPrivateKey(KeyEntry entry) =>
            entry.Kind == KeyEntryKind.Private && !entry.Path.EndsWith(".bak", StringComparison.OrdinalIgnoreCase);

        private static IEnumerable<string> PuttyKeyFiles(string home) =>
            PuttyKeyFolders.Select(folder => Path.Combine(home, folder))
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
                .Where(f => string.Equals(Path.GetExtension(f), ".ppk", StringComparison.OrdinalIgnoreCase));
    }
}
