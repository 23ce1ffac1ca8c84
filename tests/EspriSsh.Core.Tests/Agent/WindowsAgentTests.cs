using System;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Agent.Transports;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// The Windows agent plumbing on Windows itself: a real named pipe found by WaitNamedPipe and spoken
    /// to through NamedPipeEndpoint (served by the test with the agent protocol's identity answer), and
    /// the ssh-agent service state read through sc.exe compared with what the service manager says
    /// through Get-Service. On Linux the same transports run over .NET's pipe emulation
    /// (WindowsTransportTests).
    /// </summary>
#if NET
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    public class WindowsAgentTests
    {
        [WindowsFact]
        public void AKeyListedByAPipeServerArrivesThroughTheNamedPipeTransport()
        {
            string pipeName = "espri-test-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            byte[] blob = Ed25519Blob(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
            using var server = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
            Task<byte[]> served = Task.Run(() =>
            {
                server.WaitForConnection();
                byte[] request = ReadFrame(server);
                WriteFrame(server, Concat(new byte[] { AgentMessage.IdentitiesAnswer }, UInt32(1), SshString(blob), SshString(Encoding.UTF8.GetBytes("pipe test key"))));
                return request;
            });
            var discovery = new WindowsAgentDiscovery();

            Assert.True(discovery.PipeExists(pipeName));
            Assert.False(discovery.PipeExists(pipeName + "-absent"));
            var endpoint = new NamedPipeEndpoint(pipeName, "the test's pipe", discovery.PipeExists, serverIsCurrentUser: true);
            AgentIdentity listed = Assert.Single(new AgentClient(endpoint).ListIdentities());

            Assert.True(served.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(new[] { AgentMessage.RequestIdentities }, served.Result);
            Assert.Equal("pipe test key", listed.Comment);
            Assert.Equal("ssh-ed25519", listed.KeyType);
            using var sha = SHA256.Create();
            Assert.Equal("SHA256:" + Convert.ToBase64String(sha.ComputeHash(blob)).TrimEnd('='), listed.Fingerprint);
        }

        [WindowsFact]
        public void TheServiceStateReadThroughScExeIsWhatGetServiceSays()
        {
            // Get-Service asks the service control manager directly (not sc.exe): an independent reading.
            const string Script = "$s = Get-Service ssh-agent -ErrorAction SilentlyContinue; "
                + "if (-not $s) { 'NotInstalled' } elseif ([string]$s.StartType -eq 'Disabled') { 'Disabled' } "
                + "elseif ([string]$s.Status -eq 'Running') { 'Running' } else { 'Stopped' }";
            var expected = ExternalTool.Run("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", Script);
            Assert.Equal(0, expected.ExitCode);

            AgentServiceState state = new ScAgentServiceQuery().Query();

            Assert.Equal(expected.Output.Trim(), state.ToString());
        }

        private static byte[] ReadFrame(Stream stream)
        {
            byte[] length = ReadExactly(stream, 4);
            return ReadExactly(stream, (length[0] << 24) | (length[1] << 16) | (length[2] << 8) | length[3]);
        }

        private static byte[] ReadExactly(Stream stream, int count)
        {
            byte[] buffer = new byte[count];
            for (int read = 0; read < count;)
            {
                int n = stream.Read(buffer, read, count - read);
                Assert.True(n > 0, "the client closed the pipe early");
                read += n;
            }

            return buffer;
        }

        private static void WriteFrame(Stream stream, byte[] payload)
        {
            byte[] frame = Concat(UInt32((uint)payload.Length), payload);
            stream.Write(frame, 0, frame.Length);
            stream.Flush();
        }

        // The SSH wire format (RFC 4251), written here rather than with the code under test.
        private static byte[] Ed25519Blob(byte[] publicKey) => Concat(SshString(Encoding.ASCII.GetBytes("ssh-ed25519")), SshString(publicKey));

        private static byte[] SshString(byte[] data) => Concat(UInt32((uint)data.Length), data);

        private static byte[] UInt32(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
    }
}
