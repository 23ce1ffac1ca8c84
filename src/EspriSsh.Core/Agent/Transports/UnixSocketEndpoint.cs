using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// The Unix socket named by SSH_AUTH_SOCK: OpenSSH's ssh-agent on Linux and macOS, gpg-agent,
    /// Pageant on Unix, an agent forwarded by sshd (and Windows 10 1803+ builds that use AF_UNIX).
    /// The program behind it is named after the first connection, from the socket's owner.
    /// </summary>
    public sealed class UnixSocketEndpoint : IAgentEndpoint
    {
        private string? program;
        private bool recognized;

        public UnixSocketEndpoint(string path)
        {
            Path = path;
            Kind = AgentKindNames.FromSocketPath(path);
        }

        public string Path { get; }

        public AgentKind Kind { get; private set; }

        public string Description => Kind != AgentKind.Unknown ? $"{AgentKindNames.Name(Kind)} at {UntrustedText.Quoted(Path)}"
            : string.IsNullOrEmpty(program) ? $"the agent at {UntrustedText.Quoted(Path)}"
            : $"the agent at {UntrustedText.Quoted(Path)} (the program '{UntrustedText.Escape(program)}')";

        public Stream Connect(TimeSpan timeout, CancellationToken cancellation)
        {
            if (!File.Exists(Path) && !Directory.Exists(Path))
            {
                throw AgentErrors.NotRunning(Description, "that socket does not exist: the agent that made it has stopped", null);
            }

            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                // Asynchronous, so that a socket whose owner never accepts (its backlog full) costs the timeout, not forever.
                Task connect = Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, new UnixSocketAddress(Path), null);
                if (!connect.Wait(AgentExchange.Milliseconds(timeout), cancellation))
                {
                    connect.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    throw AgentErrors.NoAnswer(Description, timeout, "it accepts no connection: the program that made the socket is stuck");
                }

                Identify(socket);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (AggregateException ex) when (ex.InnerException is SocketException inner)
            {
                socket.Dispose();
                throw Unreachable(inner);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                throw Unreachable(ex);
            }
            catch (Exception)
            {
                socket.Dispose();
                throw;
            }
        }

        private void Identify(Socket socket)
        {
            if (program != null)
            {
                return;
            }

            program = SocketPeer.ProcessName(socket, out bool makerExited) ?? "";
            AgentKind byProgram = program.Length > 0 ? AgentKindNames.FromProcessName(program)
                : makerExited ? AgentKindNames.FromDaemonSocketPath(Path)
                : AgentKind.Unknown;
            if (byProgram != AgentKind.Unknown)
            {
                Kind = byProgram;
            }
        }

        /// <summary>
        /// True when neither the program behind the socket (a daemon whose parent exited, or a system that
        /// does not say) nor its path tells its kind (ssh-agent -a ~/.ssh/agent.sock, as EspriSsh advises):
        /// only its answers can.
        /// </summary>
        internal bool KindFromAnswers => Kind == AgentKind.Unknown && program == "" && !recognized;

        /// <summary>What the agent's answers showed it is (OpenSSH's agent alone accepts a session binding); asked once.</summary>
        internal void Recognized(AgentKind kind)
        {
            Kind = kind;
            recognized = true;
        }

        private Exception Unreachable(SocketException ex)
        {
            string detail = ex.SocketErrorCode == SocketError.ConnectionRefused
                ? "nothing listens on that socket: the agent that made it has stopped"
                : ex.SocketErrorCode == SocketError.AccessDenied ? "access to that socket is denied: it belongs to another user"
                : ex.SocketErrorCode == SocketError.WouldBlock || ex.SocketErrorCode == SocketError.TryAgain
                    ? "it accepts no connection: the program that made the socket is stuck"
                    : ex.Message;
            return AgentErrors.NotRunning(Description, detail, null, ex);
        }
    }
}
