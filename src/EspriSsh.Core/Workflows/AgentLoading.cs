using EspriSsh.Core.Agent;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// The last step of install and convert (-AddToAgent): the decrypted key goes to the ssh-agent.
    /// It never fails the command, whose files are already written: a key not added is a warning
    /// that says why and what to do.
    /// </summary>
    internal static class AgentLoading
    {
        public static void Add(IUserInteraction ui, SshAgent agent, SshPrivateKey key, string path, string done)
        {
            AgentAddResult added = agent.Add(key);
            if (added.Added)
            {
                ui.Verbose($"'{path}' was added to the ssh-agent with {added.SshAddPath}.");
            }
            else
            {
                ui.Warn($"'{path}' was {done} but not added to the ssh-agent: {added.Warning}");
            }
        }
    }
}
