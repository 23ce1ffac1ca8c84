namespace EspriSsh.Core.Diagnostics
{
    /// <summary>One problem the support report found, with the one-line fix a user can apply.</summary>
    public sealed class Finding
    {
        public Finding(string code, FindingSeverity severity, string problem, string fix, string? target = null)
        {
            Code = code;
            Severity = severity;
            Problem = problem;
            Fix = fix;
            Target = target;
        }

        /// <summary>Stable name a script can match on, e.g. "KeyFileTooOpen".</summary>
        public string Code { get; }

        public FindingSeverity Severity { get; }

        /// <summary>What is wrong, in words.</summary>
        public string Problem { get; }

        /// <summary>What to do, in one line.</summary>
        public string Fix { get; }

        /// <summary>The file or host concerned, when there is one.</summary>
        public string? Target { get; }

        internal Finding Rewrite(System.Func<string, string> edit) =>
            new Finding(Code, Severity, edit(Problem), edit(Fix), Target == null ? null : edit(Target));

        public override string ToString() => $"{Severity}: {Problem} Fix: {Fix}";
    }
}
