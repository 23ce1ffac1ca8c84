using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EspriSsh.Core.Config.Reading;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The two checks around an edit, by the installed ssh when there is one (else by EspriSsh's own
    /// reading): the file as it is must be accepted (else nothing is touched), and the edited text,
    /// written to a private scratch file, must be accepted too, or the edit is not written; a line ssh
    /// then names is given in the user's file (its number before the edit). ssh's answer for the head
    /// node is compared with what the site needs, so a reading of EspriSsh's that differs from ssh's
    /// can never pass as satisfied. ssh refuses some configs for one host only (a jump host that is
    /// the host itself, ConnectionAttempts 0 in its block): the other aliases (jean-zay) are read by
    /// EspriSsh, and ssh is asked about one only when that reading refuses it, so that an ordinary
    /// edit still costs two ssh runs.
    /// </summary>
    internal sealed class SshConfigEditChecks
    {
        private readonly SshConfigJudge judge;
        private readonly SshConfigReadings readings;

        public SshConfigEditChecks(SshConfigJudge judge, SshConfigReadings readings)
        {
            this.judge = judge;
            this.readings = readings;
        }

        /// <summary>
        /// Starts judging the file as it is (<paramref name="original"/>, as read) for the head node, on
        /// another thread: ssh reads the file while the caller plans the edit. Its own reading, when ssh
        /// is missing or names no line, is done apart from the caller's (readings are not shared across threads).
        /// </summary>
        public Task<SshConfigVerdict> StartBefore(string configPath, string head, SshConfigDocument original) =>
            judge.JudgeMeanwhile(configPath, head, readings.Options, () => SshConfigResolver.Read(original, head, readings.Options));

        /// <summary>The verdict on the file as it is: <paramref name="headVerdict"/> (from <see cref="StartBefore"/>), then the other aliases'.</summary>
        public SshConfigVerdict Before(string configPath, IReadOnlyList<DesiredHostBlock> blocks, SshConfigDocument original, Task<SshConfigVerdict> headVerdict)
        {
            SshConfigVerdict verdict = headVerdict.GetAwaiter().GetResult();
            foreach (DesiredHostBlock other in blocks.Skip(1))
            {
                if (verdict.Accepted && readings.Read(original, other.Alias).Refusal != null)
                {
                    verdict = judge.Judge(configPath, other.Alias, readings.Options, () => readings.Read(original, other.Alias));
                }
            }

            return verdict;
        }

        /// <summary>
        /// The verdict on the edited text. <paramref name="originalLine"/> gives a line's number in the
        /// user's file (null for a line the edit adds). <paramref name="sshDiffers"/> gets what ssh
        /// resolves differently from the site's needs for <paramref name="head"/>.
        /// </summary>
        public SshConfigVerdict After(string configPath, SshConfigDocument updated, IReadOnlyList<DesiredHostBlock> blocks, Func<int, int?> originalLine, List<string> sshDiffers)
        {
            DesiredHostBlock head = blocks[0];
            SshConfigVerdict verdict = AfterFor(configPath, updated, head.Alias, originalLine);
            if (verdict.Accepted && verdict.Answer != null)
            {
                sshDiffers.AddRange(Compare(verdict.Answer, head));
            }

            foreach (DesiredHostBlock other in blocks.Skip(1))
            {
                if (verdict.Accepted && readings.Read(updated, other.Alias).Refusal != null)
                {
                    verdict = AfterFor(configPath, updated, other.Alias, originalLine);
                }
            }

            return verdict;
        }

        private SshConfigVerdict AfterFor(string configPath, SshConfigDocument updated, string host, Func<int, int?> originalLine)
        {
            if (judge.Ssh == null)
            {
                SshConfigProblem? own = readings.Read(updated, host).Refusal;
                return own == null ? Accepted("EspriSsh's own reading, no ssh installed")
                    : new SshConfigVerdict(false, own.Message, Map(own.Location, configPath, originalLine), "EspriSsh's own reading, no ssh installed", null, null, own.Note);
            }

            string folder = Path.Combine(Path.GetTempPath(), "espri-config-check-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            string scratch = Path.Combine(folder, Path.GetFileName(configPath));
            try
            {
                HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(folder);
                using (FileStream stream = HostPlatform.FileProtection.CreateOwnerOnlyFile(scratch))
                {
                    byte[] bytes = updated.ToBytes();
                    stream.Write(bytes, 0, bytes.Length);
                }

                SshConfigVerdict verdict = judge.Judge(scratch, host, readings.Options);
                if (verdict.Accepted)
                {
                    return verdict;
                }

                SshConfigLocation? location = verdict.Location != null && verdict.Location.File == scratch
                    ? Map(new SshConfigLocation(configPath, verdict.Location.Line), configPath, originalLine)
                    : verdict.Location;
                return verdict.At(location, location == null && verdict.Location?.File == scratch ? "a line EspriSsh would add" : null);
            }
            finally
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Only the scratch copy; the temporary folder is cleaned by the system.
                }
            }
        }

        /// <summary>A location in the edited text as the user's file numbers it; null for a line the edit adds.</summary>
        private static SshConfigLocation? Map(SshConfigLocation? location, string configPath, Func<int, int?> originalLine) =>
            location == null || location.File != configPath ? location
            : originalLine(location.Line) is int line ? new SshConfigLocation(configPath, line) : null;

        /// <summary>What ssh resolves for the head node that is not what the site needs.</summary>
        private static IEnumerable<string> Compare(SshConfigAnswer answer, DesiredHostBlock head)
        {
            var wanted = new List<(string Key, string? Value, bool IgnoreCase)>
            {
                ("hostname", head.HostName, true), ("user", head.User, false), ("port", head.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), false),
                ("identitiesonly", "yes", false), ("identityfile", head.IdentityFile, false),
            };
            foreach (var (key, value, ignoreCase) in wanted)
            {
                string? theirs = answer.Get(key);
                if (!string.Equals(theirs, value, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    yield return $"{key} {theirs ?? "(unset)"} instead of {value}";
                }
            }

            if (answer.Get("proxyjump") is string jump)
            {
                yield return "proxyjump " + jump + " instead of none";
            }

            if (answer.Get("proxycommand") is string command)
            {
                yield return "proxycommand " + command + " instead of none";
            }
        }

        private static SshConfigVerdict Accepted(string by) => new SshConfigVerdict(true, null, null, by, null, null);
    }
}
