using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Speaks the SSH agent protocol (draft-miller-ssh-agent) over any <see cref="IAgentEndpoint"/>:
    /// list, sign, add, remove. One connection per request, so a request that timed out leaves nothing
    /// half-read behind. Every request is bounded by the timeout and by the caller's cancellation:
    /// on either, the connection is closed, which unblocks the pending read.
    /// </summary>
    public sealed class AgentClient
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

        // More keys than any agent holds; a count beyond it is a corrupt answer, not an allocation to make.
        private const uint MaxIdentities = 4096;

        private readonly string? startAdvice;

        /// <param name="startAdvice">How to start this agent, appended to AgentNotRunning messages.</param>
        public AgentClient(IAgentEndpoint endpoint, TimeSpan? timeout = null, string? startAdvice = null)
        {
            Endpoint = endpoint;
            Timeout = timeout ?? DefaultTimeout;
            this.startAdvice = startAdvice;
        }

        public IAgentEndpoint Endpoint { get; }

        public TimeSpan Timeout { get; }

        public string Description => Endpoint.Description;

        /// <summary>The keys the agent holds, in its order (the order ssh offers them). A locked agent lists none.</summary>
        public IReadOnlyList<AgentIdentity> ListIdentities(CancellationToken cancellation = default)
        {
            (byte type, SshWireReader reply) = Exchange(AgentMessage.RequestIdentities, Array.Empty<byte>(), cancellation);
            if (type != AgentMessage.IdentitiesAnswer)
            {
                throw IsFailure(type) ? AgentErrors.Refused(Description, "list its keys") : Unexpected(type);
            }

            return Parse(reply, r =>
            {
                uint count = r.ReadUInt32();
                if (count > MaxIdentities)
                {
                    throw new FormatException($"it claims {count} keys");
                }

                var identities = new List<AgentIdentity>((int)count);
                for (uint i = 0; i < count; i++)
                {
                    identities.Add(new AgentIdentity(r.ReadString(), r.ReadUtf8String()));
                }

                return identities;
            });
        }

        /// <summary>
        /// The agent's signature of <paramref name="data"/> with the key <paramref name="keyBlob"/>: the SSH
        /// signature blob (string algorithm, string signature), exactly what a publickey request carries.
        /// </summary>
        public byte[] Sign(byte[] keyBlob, byte[] data, AgentSignFlags flags, CancellationToken cancellation = default)
        {
            byte[] body = new SshWireWriter().WriteString(keyBlob).WriteString(data).WriteUInt32((uint)flags).ToArray();
            (byte type, SshWireReader reply) = Exchange(AgentMessage.SignRequest, body, cancellation);
            if (type == AgentMessage.SignResponse)
            {
                return Parse(reply, r => r.ReadString());
            }

            throw IsFailure(type) ? RefusedOrLocked($"sign with the key {KeyFingerprint.Sha256(keyBlob)}", cancellation) : Unexpected(type);
        }

        /// <summary>Gives the agent a decrypted key (what ssh-add does); it then signs with it without a passphrase.</summary>
        /// <param name="comment">What the agent lists the key as (ssh-add uses the file name); null: the key's own comment.</param>
        public void Add(SshPrivateKey key, string? comment = null, AgentKeyConstraints? constraints = null, CancellationToken cancellation = default)
        {
            var writer = new SshWireWriter();
            OpenSshKeyFields.Write(writer, key, comment ?? key.Comment);
            bool constrained = constraints != null && constraints.Any;
            if (constrained)
            {
                if (constraints!.Lifetime != null)
                {
                    writer.WriteRaw(new[] { AgentMessage.ConstrainLifetime }).WriteUInt32((uint)Math.Max(1, Math.Ceiling(constraints.Lifetime.Value.TotalSeconds)));
                }

                if (constraints.Confirm)
                {
                    writer.WriteRaw(new[] { AgentMessage.ConstrainConfirm });
                }
            }

            byte[] body = writer.ToArray();
            try
            {
                (byte type, _) = Exchange(constrained ? AgentMessage.AddIdentityConstrained : AgentMessage.AddIdentity, body, cancellation);
                if (type == AgentMessage.Success)
                {
                    return;
                }

                string what = $"take the key {KeyFingerprint.Sha256(key.PublicKeyBlob)}";
                // An agent that does not know constraints refuses them: that says nothing of a lock.
                throw !IsFailure(type) ? Unexpected(type) : constrained ? AgentErrors.Refused(Description, what + " with a lifetime or confirmation") : RefusedOrLocked(what, cancellation);
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }
        }

        /// <summary>Makes the agent forget a key; false when it did not hold it.</summary>
        public bool Remove(byte[] keyBlob, CancellationToken cancellation = default)
        {
            (byte type, _) = Exchange(AgentMessage.RemoveIdentity, new SshWireWriter().WriteString(keyBlob).ToArray(), cancellation);
            return type == AgentMessage.Success || (IsFailure(type) ? false : throw Unexpected(type));
        }

        private Exception RefusedOrLocked(string what, CancellationToken cancellation) =>
            ListIdentities(cancellation).Count == 0 ? AgentErrors.Locked(Description, what) : AgentErrors.Refused(Description, what);

        /// <summary>One request frame out, one answer frame back (type and reader past the type byte).</summary>
        private (byte Type, SshWireReader Reply) Exchange(byte type, byte[] body, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            byte[] frame = new byte[5 + body.Length];
            WriteLength(frame, (uint)(body.Length + 1));
            frame[4] = type;
            Buffer.BlockCopy(body, 0, frame, 5, body.Length);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(Timeout);
            Stream stream = Connect();
            try
            {
                using (deadline.Token.Register(stream.Dispose))
                {
                    stream.Write(frame, 0, frame.Length);
                    stream.Flush();
                    uint length = ReadLength(ReadExactly(stream, 4));
                    if (length == 0 || length > AgentMessage.MaxLength)
                    {
                        throw AgentErrors.BadReply(Description, $"a message of {length} bytes");
                    }

                    byte[] answer = ReadExactly(stream, (int)length);
                    return (answer[0], new SshWireReader(answer, 1));
                }
            }
            catch (Exception ex) when (deadline.IsCancellationRequested && IsTransportFailure(ex))
            {
                cancellation.ThrowIfCancellationRequested();
                throw AgentErrors.Timeout(Description, Timeout);
            }
            catch (Exception ex) when (IsTransportFailure(ex))
            {
                throw AgentErrors.NotRunning(Description, "it closed the connection: " + ex.Message, startAdvice, ex);
            }
            finally
            {
                stream.Dispose();
                Array.Clear(frame, 0, frame.Length);
            }
        }

        private Stream Connect()
        {
            try
            {
                return Endpoint.Connect(Timeout);
            }
            catch (Errors.EspriException ex) when (ex.ErrorId == Errors.ErrorIds.AgentNotRunning && startAdvice != null)
            {
                throw new Errors.EspriException(ex.ErrorId, ex.Message + " " + startAdvice, ex.Target, ex);
            }
        }

        private T Parse<T>(SshWireReader reply, Func<SshWireReader, T> read)
        {
            try
            {
                return read(reply);
            }
            catch (FormatException ex)
            {
                throw AgentErrors.BadReply(Description, ex.Message, ex);
            }
        }

        private Exception Unexpected(byte type) => AgentErrors.BadReply(Description, $"message type {type}");

        private static bool IsFailure(byte type) => type == AgentMessage.Failure || type == AgentMessage.ExtensionFailure;

        private static bool IsTransportFailure(Exception ex) =>
            ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException;

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

        private static void WriteLength(byte[] frame, uint length)
        {
            frame[0] = (byte)(length >> 24);
            frame[1] = (byte)(length >> 16);
            frame[2] = (byte)(length >> 8);
            frame[3] = (byte)length;
        }

        private static uint ReadLength(byte[] b) => (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }
}
