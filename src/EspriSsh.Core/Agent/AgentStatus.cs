using System.Collections.Generic;

namespace EspriSsh.Core.Agent
{
    /// <summary>What one look at the agent found: who answered and the keys it holds, or why none could be asked.</summary>
    public sealed class AgentStatus
    {
        private AgentStatus(string? agent, IReadOnlyList<AgentIdentity>? identities, string? problem, string? problemId)
        {
            Agent = agent;
            Identities = identities;
            Problem = problem;
            ProblemId = problemId;
        }

        /// <summary>The agent asked ("Pageant", "the ssh-agent at '/tmp/...'"); null when none was found.</summary>
        public string? Agent { get; }

        /// <summary>The keys it holds, in its order; null when it could not be asked.</summary>
        public IReadOnlyList<AgentIdentity>? Identities { get; }

        public bool Reachable => Identities != null;

        /// <summary>Why the agent could not be asked, with what to do; null when it answered.</summary>
        public string? Problem { get; }

        /// <summary>AgentNotRunning, AgentTimeout, AgentBadReply...; null when it answered.</summary>
        public string? ProblemId { get; }

        internal static AgentStatus Answered(string agent, IReadOnlyList<AgentIdentity> identities) => new AgentStatus(agent, identities, null, null);

        internal static AgentStatus Unreachable(string? agent, string problem, string problemId) => new AgentStatus(agent, null, problem, problemId);
    }
}
