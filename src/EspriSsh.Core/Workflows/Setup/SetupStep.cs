namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>One line of Start-EspriSetup's checklist.</summary>
    public sealed class SetupStep
    {
        public SetupStep(SetupStepName name, SetupStepStatus status, string detail, string? next = null)
        {
            Name = name;
            Status = status;
            Detail = detail;
            Next = next;
        }

        public SetupStepName Name { get; }

        public SetupStepStatus Status { get; }

        /// <summary>What was found or done, in a sentence.</summary>
        public string Detail { get; }

        /// <summary>What the user should do next, a command when there is one; null when nothing.</summary>
        public string? Next { get; }

        public override string ToString() => $"{Name}: {Status}. {Detail}";
    }
}
