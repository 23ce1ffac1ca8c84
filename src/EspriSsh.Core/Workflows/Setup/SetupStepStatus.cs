namespace EspriSsh.Core.Workflows.Setup
{
    public enum SetupStepStatus
    {
        /// <summary>This run did it.</summary>
        Done,

        /// <summary>It was already so: nothing was changed.</summary>
        AlreadyDone,

        /// <summary>Not done, and nothing is wrong: not asked for (-WhatIf, declined), not needed, or waiting on an earlier step.</summary>
        Skipped,

        /// <summary>It was tried and did not work; Detail says why, Next what to do.</summary>
        Failed,

        /// <summary>Only the user can do it (a choice, a login, a passphrase in a script...); Next says how.</summary>
        NeedsYou,
    }
}
