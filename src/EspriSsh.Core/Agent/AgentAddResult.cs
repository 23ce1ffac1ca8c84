namespace EspriSsh.Core.Agent
{
    /// <summary>Whether ssh-add took the key; when not, the warning that says why and what to run.</summary>
    public sealed class AgentAddResult
    {
        private AgentAddResult(bool added, string? sshAddPath, string? warning)
        {
            Added = added;
            SshAddPath = sshAddPath;
            Warning = warning;
        }

        public bool Added { get; }

        /// <summary>The ssh-add that added it.</summary>
        public string? SshAddPath { get; }

        public string? Warning { get; }

        internal static AgentAddResult Success(string sshAddPath) => new AgentAddResult(true, sshAddPath, null);

        internal static AgentAddResult NotAdded(string warning) => new AgentAddResult(false, null, warning);
    }
}
