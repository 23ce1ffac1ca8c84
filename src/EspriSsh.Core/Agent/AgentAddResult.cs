namespace EspriSsh.Core.Agent
{
    /// <summary>Whether the agent took the key; when not, the warning that says why and what to do.</summary>
    public sealed class AgentAddResult
    {
        private AgentAddResult(bool added, string? agent, string fingerprint, string? warning, string? errorId)
        {
            Added = added;
            Agent = agent;
            Fingerprint = fingerprint;
            Warning = warning;
            ErrorId = errorId;
        }

        public bool Added { get; }

        /// <summary>The agent that took (or refused) it: "Pageant", "the OpenSSH ssh-agent at '/tmp/...'"; null when none was found.</summary>
        public string? Agent { get; }

        /// <summary>SHA256:... of the key, as ssh-add -l lists it.</summary>
        public string Fingerprint { get; }

        public string? Warning { get; }

        /// <summary>AgentNotRunning, AgentLocked, AgentRefused...; null when added.</summary>
        public string? ErrorId { get; }

        internal static AgentAddResult Success(string agent, string fingerprint) => new AgentAddResult(true, agent, fingerprint, null, null);

        internal static AgentAddResult NotAdded(string? agent, string fingerprint, string warning, string errorId) =>
            new AgentAddResult(false, agent, fingerprint, warning, errorId);
    }
}
