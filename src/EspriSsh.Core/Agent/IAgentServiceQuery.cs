namespace EspriSsh.Core.Agent
{
    /// <summary>Reads the state of Windows' ssh-agent service; tests give a fake.</summary>
    public interface IAgentServiceQuery
    {
        AgentServiceState Query();
    }
}
