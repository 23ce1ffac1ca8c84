using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// An agent written for the tests, on a Unix socket, that misbehaves as scripted: it never accepts
    /// (its backlog full), accepts and never answers, answers garbage, lists malformed or thousands of
    /// keys, returns another key's signature. Each request frame goes to <see cref="Answer"/>, whose
    /// answer frame body (type byte first) is sent back; null sends nothing and keeps the connection.
    /// </summary>
    internal sealed class MisbehavingAgent : IDisposable
    {
        private readonly TempDirectory directory = new TempDirectory();
        private readonly Socket listener;
        private readonly ConcurrentBag<Socket> connections = new ConcurrentBag<Socket>();
        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        /// <param name="accepts">False: the socket listens but never accepts, and its backlog is filled, so a connect waits.</param>
        public MisbehavingAgent(Func<byte[], byte[]> answer, bool accepts = true)
        {
            Answer = answer;
            Socket = directory.File("agent.sock");
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixSocketAddress(Socket));
            listener.Listen(accepts ? 16 : 0);
            if (!accepts)
            {
                FillBacklog();
                return;
            }

            Start(AcceptLoop);
        }

        public string Socket { get; }

        public Func<byte[], byte[]> Answer { get; set; }

        /// <summary>Every request frame body received (type byte first).</summary>
        public ConcurrentQueue<byte[]> Requests { get; } = new ConcurrentQueue<byte[]>();

        /// <summary>An identities answer listing these (blob, comment) pairs, as given.</summary>
        public static byte[] IdentitiesAnswer(IEnumerable<(byte[] Blob, string Comment)> keys)
        {
            var body = new SshWireWriter();
            var list = new List<(byte[], string)>(keys);
            body.WriteUInt32((uint)list.Count);
            foreach ((byte[] blob, string comment) in list)
            {
                body.WriteString(blob).WriteString(comment);
            }

            return Message(12, body.ToArray());
        }

        public static byte[] Message(byte type, byte[] body)
        {
            byte[] message = new byte[1 + body.Length];
            message[0] = type;
            Buffer.BlockCopy(body, 0, message, 1, body.Length);
            return message;
        }

        /// <summary>A sign answer carrying <paramref name="signatureBlob"/> (string algorithm, string signature).</summary>
        public static byte[] SignAnswer(byte[] signatureBlob) => Message(14, new SshWireWriter().WriteString(signatureBlob).ToArray());

        public static byte[] Failure => new byte[] { 5 };

        // The kernel queues a few connections beyond the backlog; connect until one would wait.
        private void FillBacklog()
        {
            for (int i = 0; i < 64; i++)
            {
                var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
                connections.Add(client);
                try
                {
                    client.Connect(new UnixSocketAddress(Socket));
                }
                catch (SocketException)
                {
                    return; // EAGAIN: the backlog is full
                }
            }
        }

        // Threads of their own: a connection the agent keeps open unanswered must not starve the thread pool the code under test uses.
        private static void Start(Action loop) => new Thread(() => loop()) { IsBackground = true }.Start();

        private void AcceptLoop()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    Socket connection = listener.Accept();
                    connections.Add(connection);
                    Start(() => Serve(connection));
                }
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
            }
        }

        private void Serve(Socket connection)
        {
            try
            {
                using var stream = new NetworkStream(connection, ownsSocket: false);
                while (true)
                {
                    byte[] header = AgentRelay.ReadExactly(stream, 4);
                    byte[] request = AgentRelay.ReadExactly(stream, header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]);
                    Requests.Enqueue(request);
                    byte[] answer = Answer(request);
                    if (answer == null)
                    {
                        stop.Token.WaitHandle.WaitOne(); // keep the connection, answer nothing
                        return;
                    }

                    byte[] length = { (byte)(answer.Length >> 24), (byte)(answer.Length >> 16), (byte)(answer.Length >> 8), (byte)answer.Length };
                    stream.Write(length, 0, 4);
                    stream.Write(answer, 0, answer.Length);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is EndOfStreamException)
            {
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Dispose();
            foreach (Socket connection in connections)
            {
                connection.Dispose();
            }

            directory.Dispose();
        }
    }
}
