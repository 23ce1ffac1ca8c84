using System;
using System.Collections.Generic;
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
            int index = 0;
            while (index < stages.Count && !ReferenceEquals(stages[index], stage))
            {
                index++;
            }

            ui.Progress(activity, $"{stage.Name} on {stage.Host}{bound}", index / (double)stages.Count);
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
