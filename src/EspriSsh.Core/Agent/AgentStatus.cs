using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Agent
{
    /// <summary>What one look at the agent found: who answered and the keys it holds, or why none could be asked.</summary>
    public sealed class AgentStatus
    {
        private AgentStatus(string? agent, AgentKind kind, AgentKeyList? identities, string? problem, string? problemId)
        {
            Agent = agent;
            Kind = kind;
            Identities = identities;
            Problem = problem;
            ProblemId = problemId;
        }

        /// <summary>The agent asked ("Pageant", "the OpenSSH ssh-agent at '/tmp/...'"); null when none was found.</summary>
        public string? Agent { get; }

        public AgentKind Kind { get; }

        /// <summary>The usable keys it holds, in its order; null when it could not be asked.</summary>
        public AgentKeyList? Identities { get; }

        public bool Reachable => Identities != null;

        /// <summary>Why the agent could not be asked, with what to do; null when it answered.</summary>
        public string? Problem { get; }

        /// <summary>AgentNotRunning, AgentTimeout, AgentBadReply...; null when it answered.</summary>
        public string? ProblemId { get; }

        /// <summary>The keys it lists that cannot be used (malformed, unknown type), one sentence each naming the agent.</summary>
        public IReadOnlyList<string> KeyProblems => Identities?.Problems ?? Array.Empty<string>();

        internal static AgentStatus Answered(AgentClient client, AgentKeyList identities) =>
            new AgentStatus(client.Description, client.Kind, identities, null, null);

        internal static AgentStatus Unreachable(AgentClient? client, string problem, string problemId) =>
            new AgentStatus(client?.Description, client?.Kind ?? AgentKind.Unknown, null, problem, problemId);
    }
}
