using System;
using System.IO;
using System.Threading;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Where an agent listens (Unix socket, Windows named pipe, Pageant's window). Every transport is
    /// one duplex stream of agent frames, so the protocol code is the same over each.
    /// </summary>
    public interface IAgentEndpoint
    {
        /// <summary>
        /// Who answers and where, for messages: "the OpenSSH ssh-agent at '/tmp/ssh-x/agent.1'", "Pageant".
        /// Can be more precise after a first connection (the program that owns a socket is known then).
        /// </summary>
        string Description { get; }

        /// <summary>Which program answers, when it can be told.</summary>
        AgentKind Kind { get; }

        /// <summary>
        /// A connection for one request/answer exchange, opened within <paramref name="timeout"/> and
        /// abandoned on <paramref name="cancellation"/>: a socket that listens but never accepts must
        /// not hang the caller. Throws AgentNotRunning (EspriException) when nothing listens there,
        /// AgentTimeout when it does not accept in time.
        /// </summary>
        Stream Connect(TimeSpan timeout, CancellationToken cancellation);
    }
}
