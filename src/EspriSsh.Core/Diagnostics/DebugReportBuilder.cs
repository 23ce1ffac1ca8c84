using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Get-EspriDebugReport's engine: collects each section (a failing section becomes a note, never
    /// a crash), anonymizes on request, runs the secret guard over the whole text last, and writes
    /// the file atomically. Running it again after a fix is the normal case: an earlier report is
    /// replaced and kept as .bak; any other file is replaced only with force (kept as .bak too).
    /// </summary>
    public static class DebugReportBuilder
    {
        private const string ReplacedFile = "file to replace with the report";

        public static DebugReport Build(DebugReportRequest request)
        {
            // Both go to ssh's command line: refuse what ssh would read as an option or a shell command.
            SshNames.RequireHostName(request.HostName);
            if (request.Login != null)
            {
                SshNames.RequireLogin(request.Login, "Login");
            }

            var context = new ReportContext(request);
            var local = new List<(string Heading, Func<ReportContext, ReportSection> Collect)>
            {
                ("Computer and session", SessionSection.Collect),
                ("ssh client", SshClientSection.Collect),
                ("Effective ssh settings (EspriSsh)", ConfigSection.Collect),
                ("Effective ssh settings (ssh -G)", SshSettingsSection.Collect),
                ("ssh directory", SshDirectorySection.Collect),
                ("Keys", KeysSection.Collect),
                ("ssh agent", AgentSection.Collect),
                ("known_hosts", KnownHostsSection.Collect),
            };
            var sections = local.Select(c => CollectSafely(context, c.Heading, c.Collect)).ToList();

            // The two network parts run side by side inside the one budget: EspriSsh's staged test in
            // the background, ssh's own attempt meanwhile.
            ConnectionStagesSection.Start(context);
            ReportSection attempt = CollectSafely(context, "Login attempt", SshAttemptSection.Collect);
            sections.Add(CollectSafely(context, "Test-EspriConnection stages", ConnectionStagesSection.Collect));
            sections.Add(attempt);

            Func<string, string> anonymize = request.Anonymize
                ? ReportAnonymizer.For(request, context.EffectiveSettings.TryGetValue("user", out var users) ? users : Enumerable.Empty<string>()).Apply
                : (Func<string, string>)(s => s);
            SecretGuard guard = SecretGuard.ForDirectory(request.SshDirectory, IdentityFiles(context));

            string body = guard.Scrub(anonymize(DebugReportWriter.Sections(sections)), out int redacted);
            var findings = FindingList.Bounded(context.Findings.Select(f => f.Rewrite(anonymize)));
            if (redacted > 0)
            {
                findings.Add(new Finding("SecretRedacted", FindingSeverity.Warning,
                    $"{redacted} line(s) of collected output contained private key material and were removed from this report.",
                    "Nothing to do for you; please mention it to support (the report should never collect such lines)."));
            }

            findings = findings.OrderBy(f => f.Severity).ToList();
            SupportInfo support = request.Site.Support;
            string madeAt = DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            string header = guard.Scrub(anonymize(DebugReportWriter.Header(support, madeAt, findings)), out _);
            string text = (header + body).Replace("\n", Environment.NewLine);
            return new DebugReport(text, findings);
        }

        /// <summary>
        /// Refuses to replace a file that is not an earlier report unless forced, and anything but a
        /// regular file at all (a FIFO, a device: NotARegularFile), before the slow collection. True
        /// when a file will be replaced (and kept as .bak).
        /// </summary>
        public static bool EnsureCanWrite(string path, bool force)
        {
            if (!BoundedFileReader.ExistsAsRegularFile(path, ReplacedFile))
            {
                return false;
            }

            if (!force && !IsReport(ReadReplaced(path)))
            {
                throw new EspriException(ErrorIds.FileExists,
                    $"{UntrustedText.Quoted(path)} already exists and is not a support report. Choose another -OutFile, or use -Force to replace it (the old file is kept as .bak).", path);
            }

            return true;
        }

        /// <summary>
        /// Writes the report atomically. The file it replaces is kept: an earlier report as .bak
        /// (where an older report may be: only the last one is worth keeping), anything else under
        /// a fresh backup name.
        /// </summary>
        public static void Write(DebugReport report, string path, bool force)
        {
            string fullPath = Path.GetFullPath(path);
            byte[]? replaced = EnsureCanWrite(fullPath, force) ? ReadReplaced(fullPath) : null;
            if (replaced != null)
            {
                string previous = fullPath + ".bak";
                bool reportOverReport = IsReport(replaced) && (!File.Exists(previous) || IsEarlierReport(previous));
                report.Backup = reportOverReport ? previous : BackupFile.NextFreeName(fullPath);
                AtomicFileWriter.WriteAllBytes(report.Backup, replaced, ownerOnly: false);
            }

            AtomicFileWriter.WriteAllText(fullPath, report.Text, ownerOnly: false);
            report.Path = fullPath;
            report.Location = FriendlyLocation.Describe(fullPath);
        }

        // Whatever -OutFile names is read like any file a user can place: judged on its open handle, bounded.
        private static byte[]? ReadReplaced(string path) => BoundedFileReader.ReadIfExists(path, BackupFile.MaxBytes, ReplacedFile);

        // A .bak that cannot be read (a FIFO planted there) is no report: the backup takes a fresh name.
        private static bool IsEarlierReport(string path)
        {
            try
            {
                return IsReport(ReadReplaced(path));
            }
            catch (EspriException)
            {
                return false;
            }
        }

        private static bool IsReport(byte[]? content) =>
            content != null && BoundedFileReader.DecodeUtf8(content).StartsWith(DebugReportWriter.FirstWords, StringComparison.Ordinal);

        private static ReportSection CollectSafely(ReportContext context, string heading, Func<ReportContext, ReportSection> collect)
        {
            try
            {
                return collect(context);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException
                || ex is Win32Exception || ex is PlatformNotSupportedException || ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                // One broken part must not cost the user the whole report.
                context.Add(new Finding("SectionFailed", FindingSeverity.Warning,
                    $"The part '{heading}' of the report could not be collected: {ex.Message}",
                    "Send the report anyway; support can ask for this part by hand."));
                return new ReportSection(heading).Line("Could not be collected: " + ex.GetType().Name + ": " + ex.Message);
            }
        }

        /// <summary>Keys named by the config (they may live outside the ssh directory): the guard covers them too.</summary>
        private static IEnumerable<string> IdentityFiles(ReportContext context)
        {
            IEnumerable<string> fromSsh = context.EffectiveSettings.TryGetValue("identityfile", out List<string>? files)
                ? files.Select(SshDirectory.ExpandHome)
                : Enumerable.Empty<string>();
            return fromSsh.Concat(context.Resolved?.ExpandedIdentityFiles ?? Enumerable.Empty<string>()).Distinct();
        }
    }
}
