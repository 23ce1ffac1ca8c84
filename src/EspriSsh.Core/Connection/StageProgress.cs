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
        private int agentSecondsShown;
        private bool agentWaitSaid;

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

        /// <summary>
        /// While the agent is asked (<paramref name="agent"/> waiting): it may be asking the person, who
        /// should know. The status leads with that (an 80-column terminal shows about 45 characters of
        /// it) and counts down each second, because PowerShell draws a progress record only when it
        /// comes 200 ms after the last one it drew: a single update right after the stage's own is
        /// never seen. A wait past a second is also said once as a line, which no width cuts.
        /// </summary>
        public void WaitingForAgent(ConnectionStage stage, AgentKeys agent, long deadline)
        {
            long since = agent.WaitingSince;
            if (ui == null || since == 0)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            int left = (int)Math.Ceiling(Math.Max(0, (deadline - now) / (double)Stopwatch.Frequency));
            if (since != agentWaitShown || left != agentSecondsShown)
            {
                agentWaitShown = since;
                agentSecondsShown = left;
                ui.Progress(activity, $"{Agent.AgentWait.Status}, up to {left} s more ({stage.Name} on {stage.Host})", Fraction(stage));
            }

            if (!agentWaitSaid && now - since > Stopwatch.Frequency)
            {
                agentWaitSaid = true;
                ui.Inform($"Waiting for {agent.Agent ?? "your agent"} to sign for {stage.Host}: it may be asking you to confirm the use of a key, "
                    + $"or to type a passphrase, in another window (up to {left} s more; -TimeoutSec allows more).");
            }
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
