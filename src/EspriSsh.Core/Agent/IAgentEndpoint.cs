using System;
using System.IO;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Where an agent listens (Unix socket, Windows named pipe, Pageant's window). Every transport is
    /// one duplex stream of agent frames, so the protocol code is the same over each.
    /// </summary>
    public interface IAgentEndpoint
    {
        /// <summary>Who answers, for messages: "the ssh-agent at /tmp/ssh-x/agent.1", "Pageant".</summary>
        string Description { get; }

        /// <summary>
        /// A connection for one or more request/answer exchanges, opened within <paramref name="timeout"/>.
        /// Throws AgentNotRunning (EspriException) when nothing listens there.
        /// </summary>
        Stream Connect(TimeSpan timeout);
    }
}
