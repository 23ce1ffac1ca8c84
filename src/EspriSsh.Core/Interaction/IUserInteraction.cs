using System.Collections.Generic;
using System.Threading;

namespace EspriSsh.Core.Interaction
{
    /// <summary>
    /// Everything a workflow needs from the person running it, and nothing of PowerShell: the cmdlet
    /// base class implements it once (ShouldProcess, PromptForChoice, ReadLineAsSecureString,
    /// WriteWarning, WriteProgress, StopProcessing), tests implement it with scripted answers. Call it
    /// from the thread that runs the workflow.
    /// </summary>
    public interface IUserInteraction
    {
        /// <summary>Cancelled when the user stops the command (Ctrl+C); long work checks it.</summary>
        CancellationToken Cancellation { get; }

        /// <summary>
        /// False when nobody can answer (-NonInteractive, redirected input, a service...): then
        /// <see cref="Confirm"/>, <see cref="Choose"/>, <see cref="AskText"/> and <see cref="AskSecret"/>
        /// throw the question's own error instead of waiting.
        /// </summary>
        bool CanPrompt { get; }

        /// <summary>
        /// Whether to make a change: false under -WhatIf (after saying what would be done) or when the
        /// user declines under -Confirm. <paramref name="detail"/> (a diff...) is shown with -WhatIf.
        /// </summary>
        bool ShouldProcess(string target, string action, string? detail = null);

        /// <summary>A yes/no question; true for yes.</summary>
        bool Confirm(Question question);

        /// <summary>One of <paramref name="choices"/> (its index); <paramref name="defaultChoice"/> on a plain Enter.</summary>
        int Choose(Question question, IReadOnlyList<Choice> choices, int defaultChoice);

        string AskText(Question question);

        /// <summary>Masked input, as UTF-8 bytes the caller disposes (never a string, never echoed).</summary>
        Secret AskSecret(Question question);

        void Warn(string message);

        /// <summary>Something the user must read (where a file was written...), shown even when output is captured.</summary>
        void Inform(string message);

        /// <summary>Details for -Verbose.</summary>
        void Verbose(string message);

        /// <summary>How far a long step is (<paramref name="fraction"/> 0..1) under a name for the whole activity.</summary>
        void Progress(string activity, string status, double fraction);

        /// <summary>The activity is over: its progress bar goes away.</summary>
        void ProgressDone(string activity);
    }
}
