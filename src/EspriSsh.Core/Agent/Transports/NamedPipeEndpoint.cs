using System;
using System.IO;
using System.IO.Pipes;
using System.Threading;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// A Windows named pipe: the OpenSSH agent service's \\.\pipe\openssh-ssh-agent, or Pageant's
    /// per-user pipe (PuTTY 0.75+). On Linux .NET maps pipe names to Unix sockets, which is how the
    /// tests drive this very code.
    /// </summary>
    public sealed class NamedPipeEndpoint : IAgentEndpoint
    {
        private readonly Func<string, bool>? exists;
        private readonly bool serverIsCurrentUser;

        /// <param name="pipeName">The name after \\.\pipe\.</param>
        /// <param name="exists">Tells at once whether the pipe exists (a missing pipe otherwise costs the whole timeout).</param>
        /// <param name="serverIsCurrentUser">Refuse a pipe served by another account (Pageant runs as the user; the OpenSSH service does not).</param>
        public NamedPipeEndpoint(string pipeName, string description, Func<string, bool>? exists = null, bool serverIsCurrentUser = false,
            AgentKind kind = AgentKind.Unknown)
        {
            PipeName = pipeName;
            Description = description;
            Kind = kind;
            this.exists = exists;
            this.serverIsCurrentUser = serverIsCurrentUser;
        }

        public string PipeName { get; }

        public string Description { get; }

        public AgentKind Kind { get; }

        public Stream Connect(TimeSpan timeout, CancellationToken cancellation)
        {
            if (exists != null && !exists(PipeName))
            {
                throw AgentErrors.NotRunning(Description, $"there is no pipe \\\\.\\pipe\\{PipeName}", null);
            }

            // Asynchronous: closing the stream then cancels a pending read, which bounds every request.
            PipeOptions options = PipeOptions.Asynchronous;
#if NET
            if (serverIsCurrentUser)
            {
                options |= PipeOptions.CurrentUserOnly;
            }
#endif
            var pipe = new NamedPipeClientStream(".", PipeName, PipeDirection.InOut, options);
            try
            {
                pipe.ConnectAsync((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds), cancellation).GetAwaiter().GetResult();
                return pipe;
            }
            catch (TimeoutException)
            {
                pipe.Dispose();
                throw AgentErrors.NoAnswer(Description, timeout, $"\\\\.\\pipe\\{PipeName} accepts no connection: the program that made it is stuck");
            }
            catch (OperationCanceledException)
            {
                pipe.Dispose();
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                pipe.Dispose();
                throw AgentErrors.NotRunning(Description, ex.Message, null, ex);
            }
        }
    }
}
