namespace EspriSsh.Core.Agent
{
    /// <summary>The Windows OpenSSH "ssh-agent" service, as far as it matters to adding a key.</summary>
    public enum AgentServiceState
    {
        /// <summary>The state could not be read; try ssh-add anyway.</summary>
        Unknown,
        NotInstalled,
        Disabled,
        Stopped,
        Running,
    }
}
