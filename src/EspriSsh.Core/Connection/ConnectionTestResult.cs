using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Connection
{
    /// <summary>The outcome of Test-EspriConnection: a checklist, the first failed stage and what to do.</summary>
    public sealed class ConnectionTestResult
    {
        public ConnectionTestResult(string hostName, string user, IReadOnlyList<ConnectionStage> stages)
        {
            HostName = hostName;
            User = user;
            Stages = stages;
        }

        /// <summary>What the user asked for (alias or name).</summary>
        public string HostName { get; }

        public string User { get; }

        /// <summary>The jump host's alias when the target is reached through one.</summary>
        public string? Via { get; internal set; }

        public bool Succeeded { get; internal set; }

        /// <summary>The name of the first failed stage, or null.</summary>
        public string? FailedStage { get; internal set; }

        /// <summary>The host of the first failed stage (the jump host or the target).</summary>
        public string? FailedHost { get; internal set; }

        /// <summary>The failed stage's stable reason (HostKeyMismatch, AuthenticationFailed...).</summary>
        public string? Reason { get; internal set; }

        public IReadOnlyList<ConnectionStage> Stages { get; }

        /// <summary>What to do next: the failed stage's hint, or the first warning's.</summary>
        public string? Hint { get; internal set; }

        public TimeSpan Duration { get; internal set; }

        /// <summary>The test stopped because the user did not trust a host key they were shown: their choice, not a fault.</summary>
        public bool HostKeyDeclined => Stages.Any(s => s.DeclinedByUser);

        public override string ToString() => Succeeded ? $"{User}@{HostName}: OK" : $"{User}@{HostName}: failed at {FailedStage}";
    }
}
