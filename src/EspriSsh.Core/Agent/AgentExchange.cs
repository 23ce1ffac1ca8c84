using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// One request frame to an agent and its answer frame back, over a connection of its own, within a
    /// wait and the caller's cancellation. A request the caller stops waiting for is not hung up on: its
    /// connection stays open until the agent answers (or <see cref="DrainLimit"/>), because an agent
    /// that is asking the person must not see its client vanish (Pageant 0.78 crashes when the answer
    /// it then writes finds the connection closed; ssh never hangs up, so never triggers it).
    /// </summary>
    internal static class AgentExchange
    {
        /// <summary>How long an abandoned request's connection is kept for the agent's late answer.</summary>
        public static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(10);

        /// <summary>
        /// The answer's type and a reader past it. <paramref name="timedOut"/> makes the error for a wait
        /// that ran out (worded by the caller: a person may be answering, or the agent is stuck).
        /// </summary>
        public static (byte Type, SshWireReader Reply) Run(IAgentEndpoint endpoint, byte type, byte[] body, TimeSpan connectLimit, TimeSpan wait,
            CancellationToken cancellation, Func<TimeSpan, Exception> timedOut, string? startAdvice)
        {
            cancellation.ThrowIfCancellationRequested();
            byte[] frame = Frame(type, body);
            Stream stream = Connect(endpoint, connectLimit, cancellation, startAdvice);
            // Not on the pool: the caller may itself be a pool thread (SSH.NET signs on the connect's worker),
            // and a busy pool must not make an agent that answered at once look silent.
            Task<byte[]> answer = OwnThread.Run(() => Talk(stream, frame), "agent request");
            bool answered;
            try
            {
                answered = answer.Wait(Milliseconds(wait), cancellation);
            }
            catch (OperationCanceledException)
            {
                Drain(answer, stream, frame);
                throw;
            }
            catch (AggregateException ex)
            {
                stream.Dispose();
                Array.Clear(frame, 0, frame.Length);
                Exception inner = ex.InnerException ?? ex;
                throw inner is EspriException ? inner
                    : inner is EndOfStreamException || inner is IOException || inner is SocketException || inner is ObjectDisposedException
                        ? AgentErrors.NotRunning(endpoint.Description, WhyNoAnswer(inner), startAdvice, inner)
                        : AgentErrors.BadReply(endpoint.Description, inner.Message, inner);
            }

            if (!answered)
            {
                Drain(answer, stream, frame);
                throw timedOut(wait);
            }

            stream.Dispose();
            Array.Clear(frame, 0, frame.Length);
            byte[] reply = answer.Result;
            return (reply[0], new SshWireReader(reply, 1));
        }

        /// <summary>Mono "connects" to a socket whose backlog is full and fails the first write: that agent accepts nothing.</summary>
        private static string WhyNoAnswer(Exception error) =>
            (error as SocketException ?? error.InnerException as SocketException)?.SocketErrorCode == SocketError.NotConnected
                ? "it accepts no connection: the program that made the socket is stuck"
                : "it closed the connection: " + error.Message;

        private static Stream Connect(IAgentEndpoint endpoint, TimeSpan limit, CancellationToken cancellation, string? startAdvice)
        {
            try
            {
                return endpoint.Connect(limit, cancellation);
            }
            catch (EspriException ex) when (ex.ErrorId == ErrorIds.AgentNotRunning && startAdvice != null)
            {
                throw new EspriException(ex.ErrorId, ex.Message + " " + startAdvice, ex.Target, ex);
            }
        }

        /// <summary>Writes the request and reads one answer frame (its type byte first).</summary>
        private static byte[] Talk(Stream stream, byte[] frame)
        {
            stream.Write(frame, 0, frame.Length);
            stream.Flush();
            byte[] header = ReadExactly(stream, 4);
            uint length = (uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]);
            if (length == 0 || length > AgentMessage.MaxLength)
            {
                throw new FormatException($"a message of {length} bytes");
            }

            return ReadExactly(stream, (int)length);
        }

        /// <summary>Leaves the connection open for the agent's late answer, then closes it (or after <see cref="DrainLimit"/>).</summary>
        private static void Drain(Task<byte[]> answer, Stream stream, byte[] frame)
        {
            var limit = new CancellationTokenSource(DrainLimit);
            limit.Token.Register(stream.Dispose);
            answer.ContinueWith(t =>
            {
                _ = t.Exception;
                stream.Dispose();
                limit.Dispose();
                Array.Clear(frame, 0, frame.Length);
            }, TaskScheduler.Default);
        }

        /// <summary>A wait in whole milliseconds, as Task.Wait takes it on every target (at most int.MaxValue).</summary>
        public static int Milliseconds(TimeSpan wait) => (int)Math.Max(0, Math.Min(int.MaxValue, Math.Ceiling(wait.TotalMilliseconds)));

        private static byte[] Frame(byte type, byte[] body)
        {
            byte[] frame = new byte[5 + body.Length];
            uint length = (uint)(body.Length + 1);
            frame[0] = (byte)(length >> 24);
            frame[1] = (byte)(length >> 16);
            frame[2] = (byte)(length >> 8);
            frame[3] = (byte)length;
            frame[4] = type;
            Buffer.BlockCopy(body, 0, frame, 5, body.Length);
            return frame;
        }

        private static byte[] ReadExactly(Stream stream, int count)
        {
            byte[] buffer = new byte[count];
            int done = 0;
            while (done < count)
            {
                int read = stream.Read(buffer, done, count - done);
                if (read == 0)
                {
                    throw new EndOfStreamException("the answer ended early");
                }

                done += read;
            }

            return buffer;
        }
    }
}
