using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Tests.Interaction
{
    /// <summary>
    /// The interaction seam with answers written in advance: each question takes the next scripted
    /// answer of its kind, and a question nobody scripted fails the test. Everything said is recorded.
    /// Non-interactive (<see cref="CanPrompt"/> false), questions throw as the cmdlets do.
    /// </summary>
    public sealed class ScriptedInteraction : IUserInteraction
    {
        private readonly Queue<string> secrets = new Queue<string>();
        private readonly Queue<string> texts = new Queue<string>();
        private readonly Queue<int> choices = new Queue<int>();
        private readonly Queue<bool> confirmations = new Queue<bool>();
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private int cancelAt;

        public bool CanPrompt { get; set; } = true;

        /// <summary>What ShouldProcess answers (false plays -WhatIf or a declined -Confirm).</summary>
        public bool Proceed { get; set; } = true;

        public CancellationToken Cancellation => cancellation.Token;

        public List<string> Asked { get; } = new List<string>();

        public List<(string Target, string Action, string Detail)> ShouldProcessCalls { get; } = new List<(string, string, string)>();

        public List<string> Warnings { get; } = new List<string>();

        public List<string> Information { get; } = new List<string>();

        public List<string> VerboseLines { get; } = new List<string>();

        public List<(string Activity, string Status, double Fraction)> ProgressReports { get; } = new List<(string, string, double)>();

        public List<string> ProgressDoneActivities { get; } = new List<string>();

        public ScriptedInteraction AnswerSecrets(params string[] answers)
        {
            foreach (string answer in answers)
            {
                secrets.Enqueue(answer);
            }

            return this;
        }

        public ScriptedInteraction AnswerTexts(params string[] answers)
        {
            foreach (string answer in answers)
            {
                texts.Enqueue(answer);
            }

            return this;
        }

        public ScriptedInteraction AnswerChoices(params int[] answers)
        {
            foreach (int answer in answers)
            {
                choices.Enqueue(answer);
            }

            return this;
        }

        public ScriptedInteraction AnswerConfirmations(params bool[] answers)
        {
            foreach (bool answer in answers)
            {
                confirmations.Enqueue(answer);
            }

            return this;
        }

        /// <summary>Plays Ctrl+C.</summary>
        public void Cancel() => cancellation.Cancel();

        /// <summary>Plays Ctrl+C at the <paramref name="question"/>th question (1 for the first), while it waits for its answer.</summary>
        public ScriptedInteraction CancelAt(int question)
        {
            cancelAt = question;
            return this;
        }

        /// <summary>True when every scripted answer was used.</summary>
        public bool AllAnswersUsed => secrets.Count == 0 && texts.Count == 0 && choices.Count == 0 && confirmations.Count == 0;

        public bool ShouldProcess(string target, string action, string detail = null)
        {
            ShouldProcessCalls.Add((target, action, detail));
            return Proceed;
        }

        public bool Confirm(Question question) => Next(question, confirmations);

        public int Choose(Question question, IReadOnlyList<Choice> options, int defaultChoice) => Next(question, choices);

        public string AskText(Question question) => Next(question, texts);

        public Secret AskSecret(Question question) => new Secret(Encoding.UTF8.GetBytes(Next(question, secrets)));

        public void Warn(string message) => Warnings.Add(message);

        public void Inform(string message) => Information.Add(message);

        public void Verbose(string message) => VerboseLines.Add(message);

        public void Progress(string activity, string status, double fraction) => ProgressReports.Add((activity, status, fraction));

        public void ProgressDone(string activity) => ProgressDoneActivities.Add(activity);

        private T Next<T>(Question question, Queue<T> answers)
        {
            if (Asked.Count + 1 == cancelAt)
            {
                cancellation.Cancel();
            }

            cancellation.Token.ThrowIfCancellationRequested();
            if (!CanPrompt)
            {
                throw question.Unanswerable();
            }

            Asked.Add(question.Prompt);
            return answers.Count > 0
                ? answers.Dequeue()
                : throw new InvalidOperationException($"The test scripted no answer for \"{question.Prompt}\" (asked so far: {string.Join(" | ", Asked)}).");
        }
    }
}
