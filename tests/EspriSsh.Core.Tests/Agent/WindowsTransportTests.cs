using System;
using System.Collections.Generic;
using System.IO.Pipes;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tests.Keys;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// The Windows transports driven on Linux through the stream abstraction: the named pipe over .NET's
    /// own pipe emulation, Pageant's window protocol over a fake window; a real ssh-agent answers behind both.
    /// </summary>
    public sealed class WindowsTransportTests
    {
        [RequiresToolsFact(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        public void TheNamedPipeTransportCarriesTheProtocol()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            string key = SshKeygen.Make(dir, "id_ed25519", "ed25519", "");
            agent.Run("ssh-add", key);
            string pipeName = "espri-test-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var server = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
            Task relay = Task.Run(() =>
            {
                server.WaitForConnection();
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                socket.Connect(new UnixSocketAddress(agent.Socket));
                using var toAgent = new NetworkStream(socket);
                Task up = server.CopyToAsync(toAgent);
                toAgent.CopyTo(server);
            });
            var endpoint = new NamedPipeEndpoint(pipeName, "Pageant", exists: _ => true, serverIsCurrentUser: true);

            AgentIdentity listed = Assert.Single(new AgentClient(endpoint).ListIdentities());

            Assert.Contains(listed.Fingerprint, agent.Run("ssh-add", "-l", "-E", "sha256").Output);
        }

        [Fact]
        public void AMissingPipeIsAnAgentNotRunningAtOnce()
        {
            var endpoint = new NamedPipeEndpoint("openssh-ssh-agent", "the Windows OpenSSH agent service (ssh-agent)", exists: _ => false);

            var error = Assert.Throws<EspriException>(() => new AgentClient(endpoint, TimeSpan.FromMinutes(5)).ListIdentities());

            Assert.Equal(ErrorIds.AgentNotRunning, error.ErrorId);
            Assert.Contains(@"\\.\pipe\openssh-ssh-agent", error.Message);
        }

        [Fact]
        public void ThePageantPipeNameIsPuttys()
        {
            // Expected values from outside our code: with no protection,
            //   printf '\0\0\0\x10Pageant\0\0\0\0\0\0\0\0\0' | openssl dgst -sha256
            // and, with every byte XORed with 0x5a, Python's hashlib over the same layout.
            Assert.Equal("pageant.alice.2e9e7389b30cd8240bf15518e9a228d6537dc38d64b2070a189ca2fe5452d492",
                PageantPipeName.Derive("alice", new XorProtection(0)));
            Assert.Equal("pageant.alice.5299669a64d84c7b75f49602589f841104c8ac39473e6acb0d87721078e4265d",
                PageantPipeName.Derive("alice", new XorProtection(0x5a)));
        }

        [Theory]
        [InlineData("alice@LAB.EXAMPLE.FR", "ALICE-PC", "alice")]
        [InlineData(null, "alice", "alice")]
        [InlineData("", "alice", "alice")]
        public void ThePipeUserNameIsThePrincipalWithoutItsDomain(string principal, string logon, string expected) =>
            Assert.Equal(expected, PageantPipeName.UserName(principal, logon));

        [RequiresToolsFact(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        public void ThePageantWindowProtocolCarriesTheProtocol()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            SshPrivateKey key = PrivateKeyFileReader.ReadFile(SshKeygen.Make(dir, "id_ed25519", "ed25519", ""), null).Key;
            var window = new FakePageantWindow(frame => AgentRelay.Exchange(agent.Socket, frame));
            var client = new AgentClient(new CopyDataEndpoint(window));

            client.Add(key, "through the window");
            AgentIdentity listed = Assert.Single(client.ListIdentities());

            Assert.Contains(listed.Fingerprint + " through the window", agent.Run("ssh-add", "-l", "-E", "sha256").Output);
            Assert.All(window.Messages, m => Assert.Equal(0x804e50baU, m.Id));
            Assert.All(window.Messages, m => Assert.Equal("PageantRequest0000beef\0", Encoding.ASCII.GetString(m.Data)));
            Assert.All(window.Blocks, b => Assert.Equal(8192, b.Size));
            Assert.All(window.Blocks, b => Assert.True(b.Disposed));
        }

        [Fact]
        public void NoPageantWindowIsAnAgentNotRunning()
        {
            var window = new FakePageantWindow(_ => throw new InvalidOperationException("not reached")) { Present = false };

            var error = Assert.Throws<EspriException>(() => new AgentClient(new CopyDataEndpoint(window)).ListIdentities());

            Assert.Equal(ErrorIds.AgentNotRunning, error.ErrorId);
        }

        [Fact]
        public void APageantWindowThatRefusesIsAnAgentRefused()
        {
            var window = new FakePageantWindow(_ => throw new InvalidOperationException("not reached")) { Answer = 0 };

            var error = Assert.Throws<EspriException>(() => new AgentClient(new CopyDataEndpoint(window)).ListIdentities());

            Assert.Equal(ErrorIds.AgentRefused, error.ErrorId);
        }

        [Fact]
        public void AHungPageantWindowTimesOut()
        {
            var window = new FakePageantWindow(_ => throw new InvalidOperationException("not reached")) { Answer = null };

            var error = Assert.Throws<EspriException>(() => new AgentClient(new CopyDataEndpoint(window)).ListIdentities());

            Assert.Equal(ErrorIds.AgentTimeout, error.ErrorId);
        }

        [Fact]
        public void ARequestBiggerThanTheBlockIsNotSent()
        {
            var window = new FakePageantWindow(_ => throw new InvalidOperationException("not reached"));

            var error = Assert.Throws<EspriException>(() =>
                new AgentClient(new CopyDataEndpoint(window)).Sign(new byte[] { 0, 0, 0, 1, 65 }, new byte[9000], AgentSignFlags.None));

            Assert.Equal(ErrorIds.AgentRefused, error.ErrorId);
            Assert.Empty(window.Messages);
        }

        [Fact]
        public void AnAnswerLongerThanTheBlockIsABadReply()
        {
            var window = new FakePageantWindow(_ => new byte[] { 0, 0, 0x20, 0, 12 });

            var error = Assert.Throws<EspriException>(() => new AgentClient(new CopyDataEndpoint(window)).ListIdentities());

            Assert.Equal(ErrorIds.AgentBadReply, error.ErrorId);
        }

        private sealed class XorProtection : IMemoryProtection
        {
            private readonly byte mask;

            public XorProtection(byte mask) => this.mask = mask;

            public void ProtectCrossProcess(byte[] block)
            {
                Assert.Equal(0, block.Length % 16);
                for (int i = 0; i < block.Length; i++)
                {
                    block[i] ^= mask;
                }
            }
        }

        /// <summary>A Pageant window: finds the named block, hands the request frame to an agent, writes its answer back.</summary>
        private sealed class FakePageantWindow : IPageantWindowApi
        {
            private readonly Func<byte[], byte[]> agent;
            private readonly Dictionary<string, FakeMemory> named = new Dictionary<string, FakeMemory>();

            public FakePageantWindow(Func<byte[], byte[]> agent) => this.agent = agent;

            public bool Present { get; set; } = true;

            /// <summary>What SendMessage returns: nonzero = handled, 0 = refused, null = no answer in time.</summary>
            public long? Answer { get; set; } = 1;

            public List<(uint Id, byte[] Data)> Messages { get; } = new List<(uint, byte[])>();

            public List<FakeMemory> Blocks { get; } = new List<FakeMemory>();

            public uint CurrentThreadId => 0xbeef;

            public IntPtr FindPageantWindow() => Present ? new IntPtr(42) : IntPtr.Zero;

            public ISharedMemory CreateSharedMemory(string name, int size)
            {
                var block = new FakeMemory(size);
                named[name] = block;
                Blocks.Add(block);
                return block;
            }

            public long? SendCopyData(IntPtr window, uint id, byte[] data, TimeSpan timeout)
            {
                Assert.Equal(new IntPtr(42), window);
                Messages.Add((id, data));
                if (Answer is not > 0)
                {
                    return Answer;
                }

                FakeMemory block = named[Encoding.ASCII.GetString(data).TrimEnd('\0')];
                byte[] header = block.Read(0, 4);
                int length = header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3];
                block.Write(0, agent(block.Read(0, 4 + length)));
                return Answer;
            }
        }

        private sealed class FakeMemory : ISharedMemory
        {
            private readonly byte[] bytes;

            public FakeMemory(int size) => bytes = new byte[size];

            public int Size => bytes.Length;

            public bool Disposed { get; private set; }

            public void Write(int offset, byte[] data) => data.CopyTo(bytes, offset);

            public byte[] Read(int offset, int count) => bytes.Skip(offset).Take(count).ToArray();

            public void Dispose() => Disposed = true;
        }
    }
}
