using System;
using System.Collections.Generic;
using System.Diagnostics;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// A progress line per stage (Write-Progress): which stage of which host runs, and how long it may
    /// wait, so that a silent firewall does not look like a hang. Reported from the test's thread.
    /// </summary>
    internal sealed class StageProgress
    {
        private readonly IUserInteraction? ui;
        private readonly IReadOnlyList<ConnectionStage> stages;
        private readonly string activity;
        private readonly TimeSpan timeout;
        private ConnectionStage? current;
        private long agentWaitShown;

        public StageProgress(IUserInteraction? ui, IReadOnlyList<ConnectionStage> stages, string target, TimeSpan timeout)
        {
            this.ui = ui;
            this.stages = stages;
            activity = "Test-EspriConnection " + target;
            this.timeout = timeout;
        }

        public void Starting(ConnectionStage stage)
        {
            if (ui == null || ReferenceEquals(stage, current))
            {
                return;
            }

            current = stage;
            string bound = stage.Name == StageNames.Config ? "" : $" (waits up to {timeout.TotalSeconds:0.###} s)";
            ui.Progress(activity, $"{stage.Name} on {stage.Host}{bound}", Fraction(stage));
        }

        /// <summary>Once per request the agent is asked (<paramref name="agent"/> waiting): it may be asking the person, who should know.</summary>
        public void WaitingForAgent(ConnectionStage stage, AgentKeys agent, long deadline)
        {
            long since = agent.WaitingSince;
            if (ui == null || since == 0 || since == agentWaitShown)
            {
                return;
            }

            agentWaitShown = since;
            double left = Math.Max(0, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            ui.Progress(activity, $"{stage.Name} on {stage.Host}: {Agent.AgentWait.Status}, up to {left:0} s more",
                Fraction(stage));
        }

        private double Fraction(ConnectionStage stage)
        {
            int index = 0;
            while (index < stages.Count && !ReferenceEquals(stages[index], stage))
            {
                index++;
            }

            return index / (double)stages.Count;
        }

        public void Done()
        {
            if (current != null)
            {
                ui!.ProgressDone(activity);
            }
        }
    }
}
