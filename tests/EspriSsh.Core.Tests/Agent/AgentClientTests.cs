using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tests.Keys;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>The protocol client against a real ssh-agent; ssh-add and independent verifiers are the reference.</summary>
    public sealed class AgentClientTests
    {
        private static AgentClient ClientFor(RealAgent agent, TimeSpan? timeout = null) => new AgentClient(new UnixSocketEndpoint(agent.Socket), timeout);

        private static SshPrivateKey Key(TempDirectory dir, string type, params string[] extra) =>
            PrivateKeyFileReader.ReadFile(SshKeygen.Make(dir, "id_" + type, type, "", extra), null).Key;

        [RequiresToolsFact(RealAgent.Tool, "ssh-add")]
        public void AFreshAgentListsNoKey()
        {
            using var agent = new RealAgent();
            Assert.Empty(ClientFor(agent).ListIdentities());
        }

        [RequiresToolsTheory(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        [InlineData("ed25519")]
        [InlineData("rsa")]
        [InlineData("ecdsa")]
        public void AddedKeysAreWhatSshAddLists(string type)
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            SshPrivateKey key = Key(dir, type);

            ClientFor(agent).Add(key, "comment for " + type);

            string pubLine = SshKeygen.PublicLineWithoutComment(dir.File("id_" + type + ".pub"));
            Assert.Equal(pubLine + " comment for " + type, agent.Run("ssh-add", "-L").Output.Trim());
            AgentIdentity listed = Assert.Single(ClientFor(agent).ListIdentities());
            string sshAddLine = agent.Run("ssh-add", "-l", "-E", "sha256").Output;
            Assert.Contains(listed.Fingerprint + " comment for " + type, sshAddLine);
            Assert.Equal("comment for " + type, listed.Comment);
        }

        [RequiresToolsTheory(RealAgent.Tool, SshKeygen.Tool)]
        [InlineData(AgentSignFlags.RsaSha2_512, "rsa-sha2-512")]
        [InlineData(AgentSignFlags.RsaSha2_256, "rsa-sha2-256")]
        [InlineData(AgentSignFlags.None, "ssh-rsa")]
        public void RsaSignaturesFollowTheFlags(AgentSignFlags flags, string algorithm)
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            var key = (RsaPrivateKey)Key(dir, "rsa", "-b", "3072");
            ClientFor(agent).Add(key);
            byte[] data = Encoding.UTF8.GetBytes("session id and userauth request");

            var signature = new SshWireReader(ClientFor(agent).Sign(key.PublicKeyBlob, data, flags));

            Assert.Equal(algorithm, signature.ReadUtf8String());
            using RSA rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = key.Modulus, Exponent = key.PublicExponent });
            HashAlgorithmName hash = algorithm == "rsa-sha2-512" ? HashAlgorithmName.SHA512 : algorithm == "rsa-sha2-256" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
            Assert.True(rsa.VerifyData(data, signature.ReadString(), hash, RSASignaturePadding.Pkcs1));
        }

        [RequiresToolsFact(RealAgent.Tool, SshKeygen.Tool)]
        public void Ed25519SignatureVerifies()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            var key = (Ed25519PrivateKey)Key(dir, "ed25519");
            ClientFor(agent).Add(key);
            byte[] data = Encoding.UTF8.GetBytes("to sign");

            var signature = new SshWireReader(ClientFor(agent).Sign(key.PublicKeyBlob, data, AgentSignFlags.None));

            Assert.Equal("ssh-ed25519", signature.ReadUtf8String());
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(key.PublicKeyBytes, 0));
            verifier.BlockUpdate(data, 0, data.Length);
            Assert.True(verifier.VerifySignature(signature.ReadString()));
        }

        [RequiresToolsFact(RealAgent.Tool, SshKeygen.Tool)]
        public void EcdsaSignatureVerifies()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            var key = (EcdsaPrivateKey)Key(dir, "ecdsa", "-b", "256");
            ClientFor(agent).Add(key);
            byte[] data = Encoding.UTF8.GetBytes("to sign");

            var signature = new SshWireReader(ClientFor(agent).Sign(key.PublicKeyBlob, data, AgentSignFlags.None));

            Assert.Equal("ecdsa-sha2-nistp256", signature.ReadUtf8String());
            var rs = new SshWireReader(signature.ReadString());
            // BouncyCastle as the verifier: Mono (the net472 run) has no ECDsa.
            var curve = Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName("secp256r1");
            var domain = new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
            var verifier = new ECDsaSigner();
            verifier.Init(false, new ECPublicKeyParameters(curve.Curve.DecodePoint(key.PublicPoint), domain));
            byte[] digest = SHA256.Create().ComputeHash(data);
            Assert.True(verifier.VerifySignature(digest, new Org.BouncyCastle.Math.BigInteger(1, rs.ReadMpint()), new Org.BouncyCastle.Math.BigInteger(1, rs.ReadMpint())));
        }

        [RequiresToolsFact(RealAgent.Tool, SshKeygen.Tool)]
        public void LifetimeAndConfirmReachTheAgent()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent(debugLog: true);
            SshPrivateKey key = Key(dir, "ed25519");

            ClientFor(agent).Add(key, "limited", new AgentKeyConstraints { Lifetime = TimeSpan.FromMinutes(5), Confirm = true });

            Assert.True(agent.WaitForLog("(life: 300) (confirm: 1)"), agent.Log);
        }

        [RequiresToolsFact(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        public void RemoveForgetsTheKey()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            SshPrivateKey key = Key(dir, "ed25519");
            AgentClient client = ClientFor(agent);
            client.Add(key);

            Assert.True(client.Remove(key.PublicKeyBlob));
            Assert.Equal(1, agent.Run("ssh-add", "-l").ExitCode); // 1: the agent holds no key
            Assert.False(client.Remove(key.PublicKeyBlob));
        }

        [RequiresToolsFact(RealAgent.Tool, "ssh-add", SshKeygen.Tool)]
        public void ALockedAgentIsNamedLocked()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            SshPrivateKey key = Key(dir, "ed25519");
            AgentClient client = ClientFor(agent);
            client.Add(key);
            agent.Lock("lock-pw");

            Assert.Empty(client.ListIdentities());
            var signError = Assert.Throws<EspriException>(() => client.Sign(key.PublicKeyBlob, new byte[] { 1 }, AgentSignFlags.None));
            var addError = Assert.Throws<EspriException>(() => client.Add(key));

            Assert.Equal(ErrorIds.AgentLocked, signError.ErrorId);
            Assert.Equal(ErrorIds.AgentLocked, addError.ErrorId);
            Assert.Contains("ssh-add -X", addError.Message);
        }

        [RequiresToolsFact(RealAgent.Tool, SshKeygen.Tool)]
        public void SigningWithAKeyTheAgentLacksIsRefused()
        {
            using var dir = new TempDirectory();
            using var agent = new RealAgent();
            AgentClient client = ClientFor(agent);
            client.Add(Key(dir, "ed25519"));
            SshPrivateKey other = PrivateKeyFileReader.ReadFile(SshKeygen.Make(dir, "other", "ed25519", ""), null).Key;

            var error = Assert.Throws<EspriException>(() => client.Sign(other.PublicKeyBlob, new byte[] { 1 }, AgentSignFlags.None));

            Assert.Equal(ErrorIds.AgentRefused, error.ErrorId);
        }

        [Fact]
        public void AMissingSocketIsAnAgentNotRunning()
        {
            using var dir = new TempDirectory();
            var client = new AgentClient(new UnixSocketEndpoint(dir.File("gone.sock")), startAdvice: "Start one.");

            var error = Assert.Throws<EspriException>(() => client.ListIdentities());

            Assert.Equal(ErrorIds.AgentNotRunning, error.ErrorId);
            Assert.Contains("does not exist", error.Message);
            Assert.EndsWith("Start one.", error.Message);
        }

        [Fact]
        public void ASocketNobodyListensOnIsAnAgentNotRunning()
        {
            using var dir = new TempDirectory();
            string path = dir.File("stale.sock");
            using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                // Bound through a plain EndPoint, .NET does not delete the file on close: it stays, as after an agent's crash.
                socket.Bind(new UnixSocketAddress(path));
            }

            var error = Assert.Throws<EspriException>(() => new AgentClient(new UnixSocketEndpoint(path)).ListIdentities());

            Assert.Equal(ErrorIds.AgentNotRunning, error.ErrorId);
            Assert.True(error.Message.Contains("nothing listens"), error.Message);
        }

        [Fact]
        public void AnAgentThatNeverAnswersTimesOut()
        {
            using var dir = new TempDirectory();
            using var silent = SilentServer(dir.File("silent.sock"), _ => { });

            var error = Assert.Throws<EspriException>(() => new AgentClient(new UnixSocketEndpoint(dir.File("silent.sock")), TimeSpan.FromMilliseconds(300)).ListIdentities());

            Assert.Equal(ErrorIds.AgentTimeout, error.ErrorId);
        }

        [Fact]
        public void CancellationStopsAWaitingRequest()
        {
            using var dir = new TempDirectory();
            using var silent = SilentServer(dir.File("silent.sock"), _ => { });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

            Assert.ThrowsAny<OperationCanceledException>(() =>
                new AgentClient(new UnixSocketEndpoint(dir.File("silent.sock")), TimeSpan.FromMinutes(5)).ListIdentities(cancel.Token));
        }

        [Fact]
        public void AHugeAnswerIsABadReply()
        {
            using var dir = new TempDirectory();
            using var liar = SilentServer(dir.File("liar.sock"), s => s.Send(new byte[] { 0x7f, 0xff, 0xff, 0xff, 12 }));

            var error = Assert.Throws<EspriException>(() => new AgentClient(new UnixSocketEndpoint(dir.File("liar.sock"))).ListIdentities());

            Assert.Equal(ErrorIds.AgentBadReply, error.ErrorId);
        }

        /// <summary>A Unix socket server that reads a request, runs <paramref name="answer"/>, then keeps the connection open.</summary>
        internal static IDisposable SilentServer(string path, Action<Socket> answer)
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixSocketAddress(path));
            listener.Listen(5);
            var accepted = new System.Collections.Concurrent.ConcurrentBag<Socket>();
            Task.Run(() =>
            {
                try
                {
                    while (true)
                    {
                        Socket s = listener.Accept();
                        accepted.Add(s);
                        s.Receive(new byte[1024]);
                        answer(s);
                    }
                }
                catch (SocketException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            });
            return new Disposer(() =>
            {
                listener.Dispose();
                foreach (Socket s in accepted)
                {
                    s.Dispose();
                }
            });
        }

        private sealed class Disposer : IDisposable
        {
            private readonly Action action;

            public Disposer(Action action) => this.action = action;

            public void Dispose() => action();
        }
    }
}
