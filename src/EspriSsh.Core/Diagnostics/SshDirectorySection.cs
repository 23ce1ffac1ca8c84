using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The ssh directory as support needs to see it: every file with size, date, owner and rights,
    /// and for the private keys (KeyInventory decides which files are) the verdict OpenSSH would give
    /// on their rights (too open = ignored). Never any content.
    /// </summary>
    internal static class SshDirectorySection
    {
        // A folder of thousands of files (a synced or junk-filled ~/.ssh) would make a report of megabytes.
        private const int MaxListed = 200;

        public static ReportSection Collect(ReportContext context)
        {
            string directory = context.Request.SshDirectory;
            var section = new ReportSection("ssh directory " + directory);
            if (!Directory.Exists(directory))
            {
                section.Line("The folder does not exist.");
                context.Add(new Finding("SshDirectoryMissing", FindingSeverity.Error,
                    $"The ssh directory {directory} does not exist, so there is no key to log in with.",
                    "Make your key with New-EspriKey, then register its public key in your ESPRI account.", directory));
                return section;
            }

            var owners = FileOwners.Of(directory);
            section.Field("Folder owner", owners.TryGetValue(".", out string? dirOwner) ? dirOwner : "(unknown)");
            section.Field("Folder rights", RightsOf(directory));
            foreach (var (folder, verdict) in SshFolderSafety.WritableByOthers(directory))
            {
                SplitFix(verdict.Problem!, out string problem, out string? fix);
                context.Add(new Finding("SshFolderWritable", FindingSeverity.Warning, $"The folder {UntrustedText.Escape(folder)}: {problem}",
                    (fix ?? "") + " (or run Repair-EspriKeyPermission)", folder));
            }

            section.Line("");
            section.Line(string.Format(CultureInfo.InvariantCulture, "{0,-28} {1,7}  {2,-16} {3,-18} {4,-10} {5}", "File", "Bytes", "Modified", "Owner", "Rights", "Verdict"));
            var files = Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var privateKeys = new HashSet<string>(KeyInventory.PrivateKeyFiles(directory), StringComparer.Ordinal);
            int listed = 0;
            foreach (string path in files)
            {
                string name = Path.GetFileName(path);
                var info = new FileInfo(path);
                string owner = owners.TryGetValue(name, out string? o) ? o : "(unknown)";
                bool isPrivateKey = privateKeys.Contains(path);
                string rights = RightsOf(path);
                string verdict = "-";
                if (isPrivateKey)
                {
                    AccessVerdict access = HostPlatform.FileProtection.Inspect(path);
                    rights = access.Description;
                    verdict = access.IsOwnerOnly ? "private key, rights OK" : "private key, TOO OPEN";
                    if (!access.IsOwnerOnly)
                    {
                        AddTooOpen(context, path, access);
                    }

                    if (FileOwners.IsSomeoneElse(owner))
                    {
                        verdict += ", wrong owner";
                        context.Add(new Finding("KeyFileOwner", FindingSeverity.Error,
                            $"The private key {UntrustedText.Escape(name)} belongs to another account ({owner}); ssh refuses to use it.",
                            $"Take ownership: sudo chown \"$(id -un)\" {UntrustedText.Quoted(path)} (or make a new key with New-EspriKey).", path));
                    }
                }

                if (listed++ < MaxListed)
                {
                    section.Line(string.Format(CultureInfo.InvariantCulture, "{0,-28} {1,7}  {2,-16} {3,-18} {4,-10} {5}",
                        name, info.Length, info.LastWriteTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), owner, rights, verdict));
                }
            }

            if (files.Count > MaxListed)
            {
                section.Line($"(and {files.Count - MaxListed} more files, not listed; their private keys are still checked)");
            }

            if (files.Count == 0)
            {
                section.Line("(empty)");
            }

            foreach (string sub in ShortList.Take(Directory.GetDirectories(directory).Select(d => Path.GetFileName(d) + Path.DirectorySeparatorChar + "  (folder)"), MaxListed))
            {
                section.Line(sub);
            }

            return section;
        }

        private static void AddTooOpen(ReportContext context, string path, AccessVerdict access)
        {
            SplitFix(access.Problem ?? "its rights are too open", out string problem, out string? fix);
            fix ??= HostPlatform.IsWindows
                ? $"icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:F\""
                : $"chmod 600 {UntrustedText.QuotedArgument(path)}";
            context.Add(new Finding("KeyFileTooOpen", FindingSeverity.Error,
                $"The private key {UntrustedText.Escape(Path.GetFileName(path))}: {problem}", fix, path));
        }

        /// <summary>A verdict's problem "... Fix: command" as the problem and the command.</summary>
        private static void SplitFix(string text, out string problem, out string? fix)
        {
            int fixAt = text.IndexOf(" Fix: ", StringComparison.Ordinal);
            problem = fixAt >= 0 ? text.Substring(0, fixAt) : text;
            fix = fixAt >= 0 ? text.Substring(fixAt + " Fix: ".Length) : null;
        }

        /// <summary>Mode bits on Unix; on Windows the ACL verdict is only computed for private keys.</summary>
        private static string RightsOf(string path)
        {
#if NET
            if (!HostPlatform.IsWindows)
            {
                return "0" + Convert.ToString((int)File.GetUnixFileMode(path) & 0xFFF, 8).PadLeft(3, '0');
            }
#endif
            return "-";
        }
    }
}
