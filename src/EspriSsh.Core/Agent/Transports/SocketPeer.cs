using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// The program at the other end of a connected Unix socket (Linux SO_PEERCRED, macOS
    /// LOCAL_PEERPID, asked of libc directly so that the netstandard build under Mono or Windows
    /// PowerShell asks it too): names the agent by what it is rather than by a path anyone may choose.
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
            int pid = PeerPid(socket);
            if (pid <= 0)
            {
                return null;
            }

            try
            {
                using Process process = Process.GetProcessById(pid);
                return process.ProcessName;
            }
            catch (ArgumentException)
            {
                exited = true; // no such process any more
                return null;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is NotSupportedException || ex is System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        private static int PeerPid(Socket socket)
        {
            bool linux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
            if (!linux && !RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return 0;
            }

            // Linux: getsockopt(SOL_SOCKET, SO_PEERCRED) gives struct ucred { pid; uid; gid }; macOS: getsockopt(SOL_LOCAL, LOCAL_PEERPID).
            byte[] value = new byte[12];
            int length = value.Length;
            try
            {
                return getsockopt(socket.Handle, linux ? 1 : 0, linux ? 17 : 2, value, ref length) == 0 && length >= 4 ? BitConverter.ToInt32(value, 0) : 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return 0;
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int getsockopt(IntPtr socket, int level, int option, byte[] value, ref int length);
    }
}
