using System;
using System.Collections.Generic;
using System.Threading;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The user's interaction for a workflow the setup has already had approved: its ShouldProcess
    /// answers yes without asking again (one -Confirm question per change, asked before any
    /// passphrase so -WhatIf asks nothing); everything else goes to the user. It keeps a copy of the
    /// last secret typed, so the setup knows the passphrase a workflow asked for.
    /// </summary>
    internal sealed class ApprovedInteraction : IUserInteraction, IDisposable
    {
        private readonly IUserInteraction inner;

        public ApprovedInteraction(IUserInteraction inner) => this.inner = inner;

        /// <summary>A copy of the last answer to <see cref="AskSecret"/>; null when nothing was asked.</summary>
        public Secret? LastSecret { get; private set; }

        public CancellationToken Cancellation => inner.Cancellation;

        public bool CanPrompt => inner.CanPrompt;

        public bool ShouldProcess(string target, string action, string? detail = null) => true;

        public bool Confirm(Question question) => inner.Confirm(question);

        public int Choose(Question question, IReadOnlyList<Choice> choices, int defaultChoice) => inner.Choose(question, choices, defaultChoice);

        public string AskText(Question question) => inner.AskText(question);

        public Secret AskSecret(Question question)
        {
            Secret answer = inner.AskSecret(question);
            LastSecret?.Dispose();
            LastSecret = answer.Copy();
            return answer;
        }

        public void Warn(string message) => inner.Warn(message);

        public void Inform(string message) => inner.Inform(message);

        public void Verbose(string message) => inner.Verbose(message);

        public void Progress(string activity, string status, double fraction) => inner.Progress(activity, status, fraction);

        public void ProgressDone(string activity) => inner.ProgressDone(activity);

        public void Dispose() => LastSecret?.Dispose();
    }
}
