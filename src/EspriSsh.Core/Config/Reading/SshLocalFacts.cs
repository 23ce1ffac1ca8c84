using System;
using System.Security.Cryptography;
using System.Text;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// The facts of this machine that ssh's %-tokens use: the host name (%l, %L), the user id (%i),
    /// and %C, the SHA-1 of "%l%h%p%r" that names ControlPath sockets.
    /// </summary>
    internal sealed class SshLocalFacts
    {
        public static readonly SshLocalFacts Current = new SshLocalFacts(ReadHostName(), ReadUserId());

        public SshLocalFacts(string thisHost, string userId)
        {
            ThisHost = thisHost;
            UserId = userId;
        }

        /// <summary>gethostname(): %l.</summary>
        public string ThisHost { get; }

        /// <summary>The host name up to its first dot: %L.</summary>
        public string ShortHost => ThisHost.Split('.')[0];

        /// <summary>The numeric user id: %i ("" where there is none to read, such as Windows).</summary>
        public string UserId { get; }

        /// <summary>ssh_connection_hash: %C.</summary>
        public string ConnectionHash(string host, int port, string user)
        {
            using var sha1 = SHA1.Create();
            byte[] hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(ThisHost + host + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + user));
            var hex = new StringBuilder();
            foreach (byte b in hash)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        private static string ReadHostName()
        {
            try
            {
                return System.Net.Dns.GetHostName();
            }
            catch (System.Net.Sockets.SocketException)
            {
                return Environment.MachineName;
            }
        }

        /// <summary>Unix: the id the kernel gives this process; read from /proc where there is one.</summary>
        private static string ReadUserId()
        {
            try
            {
                foreach (string line in System.IO.File.ReadLines("/proc/self/status"))
                {
                    if (line.StartsWith("Uid:", StringComparison.Ordinal))
                    {
                        return line.Substring(4).Trim().Split('\t', ' ')[0];
                    }
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                // No /proc (macOS, Windows): %i is unknown here.
            }

            return "";
        }
    }
}
