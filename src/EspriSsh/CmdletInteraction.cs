using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Interaction;

namespace EspriSsh
{
    /// <summary>
    /// The core's interaction seam over PowerShell, once for every cmdlet: ShouldProcess (the detail
    /// shown under -WhatIf and in the -Confirm question), ShouldContinue, PromptForChoice,
    /// ReadLine/ReadLineAsSecureString, the warning, verbose, information and progress streams, and
    /// the cmdlet's cancellation. A session that cannot answer is never prompted: the question's own
    /// error is thrown instead. Ctrl+C at any prompt stops the command there, as Read-Host does.
    /// </summary>
    internal sealed class CmdletInteraction : IUserInteraction
    {
        private readonly EspriCmdlet cmdlet;
        private readonly Dictionary<string, int> progressIds = new Dictionary<string, int>(StringComparer.Ordinal);

        public CmdletInteraction(EspriCmdlet cmdlet) => this.cmdlet = cmdlet;

        public CancellationToken Cancellation => cmdlet.Cancellation;

        public bool CanPrompt => !cmdlet.IsNonInteractive;

        public bool ShouldProcess(string target, string action, string? detail = null)
        {
            // Targets are paths and hosts, details may quote files: all of it is shown.
            target = UntrustedText.Escape(target);
            action = UntrustedText.EscapeKeepingLines(action);
            detail = detail == null ? null : UntrustedText.EscapeKeepingLines(detail);
            if (detail == null)
            {
                return UnlessStopping(cmdlet.ShouldProcess(target, action));
            }

            // -WhatIf prints the detail before its "What if:" line; -Confirm shows it in its question.
            if (cmdlet.IsWhatIf)
            {
                Inform(detail.TrimEnd('\n'));
            }

            string description = $"Performing the operation \"{action}\" on target \"{target}\".";
            string question = detail.TrimEnd('\n') + "\n\nAre you sure you want to perform this action?\n" + description;
            return UnlessStopping(cmdlet.ShouldProcess(description, question, "Confirm"));
        }

        public bool Confirm(Question question)
        {
            RequireSomeoneToAsk(question);
            return UnlessStopping(cmdlet.ShouldContinue(UntrustedText.EscapeKeepingLines(question.Prompt), UntrustedText.Escape(question.Caption)));
        }

        public int Choose(Question question, IReadOnlyList<Choice> choices, int defaultChoice)
        {
            RequireSomeoneToAsk(question);
            var descriptions = new Collection<ChoiceDescription>(choices.Select(c => new ChoiceDescription(UntrustedText.Escape(c.Label), UntrustedText.EscapeKeepingLines(c.Help))).ToList());
            return UnlessStopping(cmdlet.Host.UI.PromptForChoice(UntrustedText.Escape(question.Caption), UntrustedText.EscapeKeepingLines(question.Prompt), descriptions, defaultChoice));
        }

        public string AskText(Question question)
        {
            RequireSomeoneToAsk(question);
            cmdlet.Host.UI.Write(UntrustedText.EscapeKeepingLines(question.Prompt) + ": ");
            string? typed = cmdlet.Host.UI.ReadLine();
            StopIfStopping();
            return typed ?? "";
        }

        public Secret AskSecret(Question question)
        {
            RequireSomeoneToAsk(question);
            cmdlet.Host.UI.Write(UntrustedText.EscapeKeepingLines(question.Prompt) + ": ");
            SecureString? typed = cmdlet.Host.UI.ReadLineAsSecureString();
            StopIfStopping();
            // null when the input ended: nothing was typed.
            return EspriCmdlet.ToSecret(typed) ?? new Secret(Array.Empty<byte>());
        }

        public void Warn(string message) => cmdlet.WriteWarning(message);

        // Shown like Write-Host (and silenced with 6>$null): the user must read it.
        public void Inform(string message) =>
            cmdlet.WriteInformation(new HostInformationMessage { Message = UntrustedText.EscapeKeepingLines(message) }, new[] { "PSHOST" });

        public void Verbose(string message) => cmdlet.WriteVerbose(message);

        // A fresh record per report: hosts that keep the records (Streams.Progress) see each state.
        public void Progress(string activity, string status, double fraction) =>
            cmdlet.WriteProgress(new ProgressRecord(ProgressId(activity), activity, UntrustedText.Escape(status)) { PercentComplete = Math.Max(0, Math.Min(100, (int)(fraction * 100))) });

        public void ProgressDone(string activity)
        {
            if (progressIds.ContainsKey(activity))
            {
                cmdlet.WriteProgress(new ProgressRecord(ProgressId(activity), activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private int ProgressId(string activity)
        {
            if (!progressIds.TryGetValue(activity, out int id))
            {
                id = progressIds[activity] = progressIds.Count + 1;
            }

            return id;
        }

        /// <summary>
        /// Ctrl+C at a prompt ends it without an answer while PowerShell stops the command: stop
        /// here, before the next question or any write, instead of going on with no answer.
        /// </summary>
        private void StopIfStopping()
        {
            if (cmdlet.Stopping || cmdlet.Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private T UnlessStopping<T>(T answer)
        {
            StopIfStopping();
            return answer;
        }

        private void RequireSomeoneToAsk(Question question)
        {
            cmdlet.Cancellation.ThrowIfCancellationRequested();
            if (!CanPrompt)
            {
                throw question.Unanswerable();
            }
        }
    }
}
