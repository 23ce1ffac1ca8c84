using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// A change a workflow has planned, in the words ShouldProcess shows: on what, what it does, and
    /// the detail -WhatIf prints (a diff). Each workflow describes its plan once: the cmdlet and
    /// Start-EspriSetup's steps ask the user the same question.
    /// </summary>
    public sealed class PlannedChange
    {
        public PlannedChange(string target, string action, string? detail = null)
        {
            Target = target;
            Action = action;
            Detail = detail;
        }

        /// <summary>The file (or host) changed.</summary>
        public string Target { get; }

        /// <summary>"Create a new Ed25519 key pair (and ~/.ssh/id_ed25519.pub)".</summary>
        public string Action { get; }

        /// <summary>What -WhatIf shows under the action (a diff); null when the action says it all.</summary>
        public string? Detail { get; }

        /// <summary>True when the user lets it happen (false under -WhatIf, or declined under -Confirm).</summary>
        public bool ApprovedBy(IUserInteraction ui) => ui.ShouldProcess(Target, Action, Detail);
    }
}
