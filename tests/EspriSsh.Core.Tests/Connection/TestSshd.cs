using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// A real OpenSSH sshd on 127.0.0.1 (a free port, its own host key, config and authorized_keys in a
    /// temp directory), run in the foreground as the current user; killed and removed on Dispose.
    /// </summary>
    internal sealed class TestSshd : IDisposable
    {
        public const string Tool = "sshd";

        private readonly TempDirectory directory = new TempDirectory();
        private readonly ServerProcess process;

        /// <param name="extraConfig">More sshd_config lines; a LogLevel line replaces the default VERBOSE (sshd keeps the first value).</param>
        public TestSshd(IEnumerable<string> authorizedKeyLines, params string[] extraConfig)
        {
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", directory.File("host_ed25519"));
            if (Environment.UserName == "root" && !Directory.Exists("/run/sshd"))
            {
                Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory, absent in containers
            }

            File.WriteAllLines(directory.File("authorized_keys"), authorizedKeyLines);
            // A free port may be taken by a test running beside this one before sshd binds it: only
            // sshd's own "listening" line proves that connections to the port reach this server.
            for (int attempt = 1; ; attempt++)
            {
                Port = FreePort();
                File.WriteAllLines(directory.File("sshd_config"), new[]
                {
                    $"Port {Port}",
                    "ListenAddress 127.0.0.1",
                    $"HostKey {directory.File("host_ed25519")}",
                    $"PidFile {directory.File("sshd.pid")}",
                    $"AuthorizedKeysFile {directory.File("authorized_keys")}",
                    "StrictModes no",
                    "UsePAM no",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "AllowTcpForwarding yes",
                }.Concat(extraConfig.Any(l => l.StartsWith("LogLevel", StringComparison.Ordinal)) ? Array.Empty<string>() : new[] { "LogLevel VERBOSE" })
                    .Concat(extraConfig));
                var started = new ServerProcess(Program, $"-D -e -f \"{directory.File("sshd_config")}\"");
                if (started.WaitForLog($"Server listening on 127.0.0.1 port {Port}."))
                {
                    process = started;
                    break;
                }

                started.Dispose();
                Assert.True(attempt < 5, "sshd did not listen: " + started.Log);
            }

            HostKeyLine = File.ReadAllText(directory.File("host_ed25519.pub")).Trim();
        }

        /// <summary>sshd's full path (it refuses to start otherwise: it re-executes itself for each connection).</summary>
        public static string Program => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, Tool)).FirstOrDefault(File.Exists) ?? "/usr/sbin/sshd";

        public int Port { get; }

        /// <summary>"ssh-ed25519 AAAA... comment" of the server.</summary>
        public string HostKeyLine { get; }

        public static string User => Environment.UserName;

        /// <summary>What sshd logged so far (stderr, -e): with LogLevel DEBUG3, every key offered.</summary>
        public string Log => process.Log;

        /// <summary>The known_hosts line ssh writes for this server.</summary>
        public string KnownHostsLine => $"[127.0.0.1]:{Port} " + string.Join(" ", HostKeyLine.Split(' ').Take(2));

        public void Dispose()
        {
            process.Dispose();
            directory.Dispose();
        }

        /// <summary>A loopback port nothing listens on (the OS picks it).</summary>
        internal static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
