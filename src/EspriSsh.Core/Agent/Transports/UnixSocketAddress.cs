using System.Net;
using System.Net.Sockets;
using System.Text;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// A sockaddr_un (family, then the path, NUL-terminated). .NET Framework has no
    /// UnixDomainSocketEndPoint; this one serves Windows PowerShell 5.1 and pwsh alike.
    /// </summary>
    internal sealed class UnixSocketAddress : EndPoint
    {
        // sun_path is 108 bytes on Linux and Windows, 104 on macOS.
        private const int MaxPathBytes = 104;

        private readonly byte[] path;

        public UnixSocketAddress(string path)
        {
            this.path = Encoding.UTF8.GetBytes(path);
            if (this.path.Length >= MaxPathBytes)
            {
                throw AgentErrors.NotRunning($"the agent at {UntrustedText.Quoted(path)}", $"the socket path is longer than {MaxPathBytes - 1} bytes, which sockets do not allow", null);
            }
        }

        public override AddressFamily AddressFamily => AddressFamily.Unix;

        public override SocketAddress Serialize()
        {
            var address = new SocketAddress(AddressFamily.Unix, 2 + path.Length + 1);
            for (int i = 0; i < path.Length; i++)
            {
                address[2 + i] = path[i];
            }

            return address;
        }

        public override EndPoint Create(SocketAddress socketAddress) => this;

        public override string ToString() => Encoding.UTF8.GetString(path);
    }
}
