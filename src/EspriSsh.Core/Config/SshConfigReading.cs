using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Config.Reading;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// EspriSsh's own reading of a config for one host, as `ssh -G -F file host` would read it: the
    /// settings when ssh would accept the file, else what ssh would say (first problem first).
    /// </summary>
    public sealed class SshConfigReading
    {
        internal SshConfigReading(string host, ResolvedHostConfig? settings, IReadOnlyList<SshConfigProblem> problems, IReadOnlyList<SshConfigLocation> notJudged)
        {
            Host = host;
            Settings = settings;
            Problems = problems;
            NotJudged = notJudged;
            Accepted = settings != null && !problems.Any(p => p.Refuses);
        }

        public string Host { get; }

        /// <summary>The settings ssh would use; null when ssh refuses the config.</summary>
        public ResolvedHostConfig? Resolved => Accepted ? Settings : null;

        /// <summary>
        /// The settings read even past lines this reading refuses (what an ssh that knows them would use);
        /// null when the reading had to stop (an Include loop, a Match exec that failed...).
        /// </summary>
        public ResolvedHostConfig? Settings { get; }

        public bool Accepted { get; }

        /// <summary>Everything ssh would print about the config, refusals and notices.</summary>
        public IReadOnlyList<SshConfigProblem> Problems { get; }

        /// <summary>The problem that names a line, else the first one: what to show a person.</summary>
        public SshConfigProblem? Refusal => Accepted ? null
            : Problems.FirstOrDefault(p => p.Refuses && p.Location != null) ?? Problems.FirstOrDefault(p => p.Refuses);

        /// <summary>Match lines whose exec command could not be run here (treated as not matching): ssh itself may judge otherwise.</summary>
        public IReadOnlyList<SshConfigLocation> NotJudged { get; }

        /// <summary>The settings, or ConfigInvalid naming the line ssh would stop at.</summary>
        public ResolvedHostConfig ResolvedOrThrow() => Resolved ?? throw ConfigRefused(Refusal!);

        internal static EspriException ConfigRefused(SshConfigProblem problem) =>
            new EspriException(ErrorIds.ConfigInvalid,
                $"ssh refuses this config: {problem}{(problem.Note == null ? "" : " (" + problem.Note + ")")}. Correct or remove that line; nothing else can work until ssh accepts the file.",
                problem.Location?.ToString());
    }
}
