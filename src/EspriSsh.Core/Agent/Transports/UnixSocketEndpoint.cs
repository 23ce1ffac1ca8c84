using System;
using System.IO;
using System.Net.Sockets;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// The Unix socket named by SSH_AUTH_SOCK: OpenSSH's ssh-agent on Linux and macOS (and Windows 10
    /// 1803+ builds that use AF_UNIX).
    /// </summary>
    public sealed class UnixSocketEndpoint : IAgentEndpoint
    {
        public UnixSocketEndpoint(string path) => Path = path;

        public string Path { get; }

        public string Description => $"the ssh-agent at {UntrustedText.Quoted(Path)}";

        public Stream Connect(TimeSpan timeout)
        {
            if (!File.Exists(Path) && !Directory.Exists(Path))
            {
                throw AgentErrors.NotRunning(Description, "that socket does not exist: the agent that made it has stopped", null);
            }

            // No socket timeouts: AgentClient bounds the whole request and closes the stream at its deadline.
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixSocketAddress(Path));
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                string detail = ex.SocketErrorCode == SocketError.ConnectionRefused
                    ? "nothing listens on that socket: the agent that made it has stopped"
                    : ex.SocketErrorCode == SocketError.AccessDenied ? "access to that socket is denied: it belongs to another user" : ex.Message;
                throw AgentErrors.NotRunning(Description, detail, null, ex);
            }
        }
    }
}
