namespace EspriSsh.Core.Agent
{
    /// <summary>What the person sees while EspriSsh waits for an agent that may be asking them something.</summary>
    public static class AgentWait
    {
        public const string Status = "waiting for your agent (it may be asking you to confirm or type a passphrase)";
    }
}
