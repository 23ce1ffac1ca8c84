using System;
using System.Diagnostics;
using System.Net.Sockets;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// The program at the other end of a connected Unix socket (Linux SO_PEERCRED, macOS
    /// LOCAL_PEERPID): names the agent by what it is rather than by a path anyone may choose.
    /// </summary>
    internal static class SocketPeer
    {
        /// <summary>
        /// The peer's process name ("ssh-agent", "gpg-agent", "pageant", "sshd"...); null where the system
        /// cannot say, or when the process that made the socket is gone (<paramref name="exited"/>): an agent
        /// started as a daemon (ssh-agent -s, eval $(ssh-agent)) listens before it forks, and the system
        /// names the parent that exited.
        /// </summary>
        public static string? ProcessName(Socket socket, out bool exited)
        {
            exited = false;
#if NET
            int pid = 0;
            try
            {
                pid = PeerPid(socket);
                if (pid <= 0)
                {
                    return null;
                }

                using Process process = Process.GetProcessById(pid);
                return process.ProcessName;
            }
            catch (ArgumentException)
            {
                exited = pid > 0; // no such process any more
                return null;
            }
            catch (Exception ex) when (ex is SocketException || ex is InvalidOperationException
                || ex is PlatformNotSupportedException || ex is NotSupportedException || ex is System.ComponentModel.Win32Exception)
            {
                return null;
            }
#else
            _ = socket;
            return null;
#endif
        }

#if NET
        private static int PeerPid(Socket socket)
        {
            Span<byte> buffer = stackalloc byte[12];
            if (OperatingSystem.IsLinux())
            {
                // struct ucred { pid_t pid; uid_t uid; gid_t gid; } from getsockopt(SOL_SOCKET, SO_PEERCRED).
                return socket.GetRawSocketOption(1, 17, buffer) >= 4 ? BitConverter.ToInt32(buffer) : 0;
            }

            if (OperatingSystem.IsMacOS())
            {
                // getsockopt(SOL_LOCAL, LOCAL_PEERPID).
                return socket.GetRawSocketOption(0, 2, buffer) >= 4 ? BitConverter.ToInt32(buffer) : 0;
            }

            return 0;
        }
#endif
    }
}
