using EspriSsh.Core.Errors;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Whether ssh accepts a config for a host, and if not why, in ssh's words, with the line (file:line)
    /// in the user's files. Given by the installed ssh when there is one, else by EspriSsh's own reading.
    /// </summary>
    public sealed class SshConfigVerdict
    {
        internal SshConfigVerdict(bool accepted, string? reason, SshConfigLocation? location, string judgedBy, SshConfigAnswer? answer, SshConfigReading? reading, string? note = null)
        {
            Accepted = accepted;
            Reason = reason;
            Location = location;
            JudgedBy = judgedBy;
            Answer = answer;
            Reading = reading;
            Note = note;
        }

        public bool Accepted { get; }

        /// <summary>ssh's reason for refusing ("Bad configuration option: usekeychain"); null when accepted.</summary>
        public string? Reason { get; }

        /// <summary>The line in the user's files that ssh stops at; null when the refusal names no line.</summary>
        public SshConfigLocation? Location { get; }

        /// <summary>"ssh (/usr/bin/ssh)" or "EspriSsh's own reading (no ssh installed)".</summary>
        public string JudgedBy { get; }

        /// <summary>ssh's answer when ssh judged; null otherwise.</summary>
        public SshConfigAnswer? Answer { get; }

        /// <summary>EspriSsh's own reading when it judged (or was read to find the line); null otherwise.</summary>
        public SshConfigReading? Reading { get; }

        /// <summary>What EspriSsh adds for a person (which ssh knows a keyword...); null when nothing.</summary>
        public string? Note { get; }

        /// <summary>The refusal as a sentence: "FILE line N: REASON (note)".</summary>
        public string Describe() => (Location == null ? "" : Location + ": ") + Reason + (Note == null ? "" : " (" + Note + ")");

        /// <summary>The same verdict naming another line (the user's line for a line of an edited copy).</summary>
        internal SshConfigVerdict At(SshConfigLocation? location, string? note = null) =>
            new SshConfigVerdict(Accepted, Reason, location, JudgedBy, Answer, Reading, note ?? Note);

        /// <summary>ConfigInvalid: nothing can work until ssh accepts the file. <paramref name="consequence"/> says what was not done.</summary>
        public EspriException ToException(string what, string consequence = "nothing was written") =>
            new EspriException(ErrorIds.ConfigInvalid,
                $"{what}: ssh refuses this config ({JudgedBy}): {Describe()}. {(Location == null ? "Correct the file" : "Correct or remove that line")}; {consequence}.",
                Location?.ToString() ?? Answer?.File);
    }
}
