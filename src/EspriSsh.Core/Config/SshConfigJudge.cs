using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EspriSsh.Core.Config.Grammar;
using EspriSsh.Core.Config.Reading;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Decides whether ssh accepts a config, the way the user's ssh will: by asking it (`ssh -G`)
    /// when an OpenSSH client is installed, else by EspriSsh's own reading (OpenSSH 9.2's rules). When
    /// ssh refuses without naming a line (an Include loop, a jump host that is the host itself), the
    /// own reading finds the line. ssh that cannot answer (it did not finish) leaves the own reading
    /// to judge, and says so.
    /// </summary>
    public sealed class SshConfigJudge
    {
        private readonly SshConfigQuery? query;

        /// <param name="environment">Variables ssh gets on top of this process's (a test's sandbox PATH); null for none.</param>
        public SshConfigJudge(SshToolLocation? ssh, IReadOnlyDictionary<string, string?>? environment = null) =>
            query = ssh == null ? null : new SshConfigQuery(ssh, null, environment);

        /// <summary>The judge of this machine: its ssh (as the user's shell finds it), else EspriSsh alone.</summary>
        public static SshConfigJudge ForThisMachine(SshToolLocator? locator = null) => new SshConfigJudge((locator ?? new SshToolLocator()).Find("ssh"));

        /// <summary>The ssh asked; null when none is installed.</summary>
        public SshToolLocation? Ssh => query?.Ssh;

        /// <param name="ownReading">EspriSsh's reading of the file for this host, when the caller has it or keeps its readings (the file is then read no second time).</param>
        public SshConfigVerdict Judge(string configPath, string host, SshResolveOptions options, Func<SshConfigReading>? ownReading = null)
        {
            string? unanswered = null;
            if (query != null && File.Exists(configPath))
            {
                SshConfigAnswer answer = query.Ask(configPath, host, options.IncludeHome);
                string by = $"ssh {query.Ssh.Path}";
                if (answer.Ran && answer.Accepted)
                {
                    return new SshConfigVerdict(true, null, null, by, answer, null);
                }

                if (answer.Ran)
                {
                    SshConfigLocation? location = answer.File != null && answer.Line != null ? new SshConfigLocation(answer.File, answer.Line.Value) : null;
                    SshConfigReading? own = location == null ? Own(configPath, host, options, ownReading) : null;
                    SshConfigProblem? hint = own?.Refusal;
                    return new SshConfigVerdict(false, answer.Reason, location ?? hint?.Location, by, answer, own, hint?.Note ?? NoteFor(answer.Reason));
                }

                unanswered = $"ssh gave no verdict ({answer.Failure}), so EspriSsh's own reading judged";
            }

            SshConfigReading reading = Own(configPath, host, options, ownReading);
            string judgedBy = "EspriSsh's own reading, " + (unanswered ?? "no ssh installed");
            SshConfigProblem? refusal = reading.Refusal;
            if (refusal == null)
            {
                return new SshConfigVerdict(true, null, null, judgedBy, null, reading);
            }

            // As ssh prints them: the messages without a line just before the one that names it.
            IEnumerable<string> cause = reading.Problems.TakeWhile(p => p != refusal).Reverse().TakeWhile(p => p.Refuses && p.Location == null).Reverse().Select(p => p.Message);
            return new SshConfigVerdict(false, string.Join("; ", cause.Concat(new[] { refusal.Message })), refusal.Location, judgedBy, null, reading, refusal.Note);
        }

        /// <summary>
        /// <see cref="Judge"/> on another thread: ssh reads the file while the caller goes on with
        /// EspriSsh's own reading. The caller takes the verdict before anything judged is used or written.
        /// </summary>
        public Task<SshConfigVerdict> JudgeMeanwhile(string configPath, string host, SshResolveOptions options, Func<SshConfigReading>? ownReading = null) =>
            OwnThread.Run(() => Judge(configPath, host, options, ownReading), "config judge");

        private static SshConfigReading Own(string configPath, string host, SshResolveOptions options, Func<SshConfigReading>? ownReading) =>
            ownReading?.Invoke() ?? SshConfigResolver.Read(SshConfigDocument.Load(configPath) ?? SshConfigDocument.Empty(configPath), host, options);

        /// <summary>The same note the own reading gives for a keyword other ssh builds know.</summary>
        private static string? NoteFor(string? reason)
        {
            const string Bad = "Bad configuration option: ";
            string? keyword = reason != null && reason.StartsWith(Bad, StringComparison.Ordinal) ? reason.Substring(Bad.Length).Trim() : null;
            string? elsewhere = keyword == null ? null : SshKeywords.KnownElsewhere(keyword);
            return elsewhere == null ? null : "that keyword is known to " + elsewhere;
        }
    }
}
