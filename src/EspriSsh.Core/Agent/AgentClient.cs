using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Speaks the SSH agent protocol (draft-miller-ssh-agent) over any <see cref="IAgentEndpoint"/>:
    /// list, sign, add, remove. One connection per request (<see cref="AgentExchange"/>). What involves
    /// nobody (connect, list, remove) is bounded short; what may involve the person (sign: a
    /// confirmation or a passphrase; add: gpg-agent asks one to protect the key) waits as long as its
    /// caller allows, and a refusal is explained (refused by the person, key expired, agent locked).
    /// </summary>
    public sealed class AgentClient
    {
        /// <summary>Bound of requests that involve nobody: an agent answers them at once unless it is stuck or busy asking for another program.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

        /// <summary>How long a request that may involve the person waits when its caller does not say.</summary>
        public static readonly TimeSpan DefaultPersonWait = TimeSpan.FromSeconds(60);

        // ssh refuses a longer list (authfd.c MAX_AGENT_IDENTITIES) and offers none of its keys.
        private const uint SshMaxIdentities = 2048;

        // More than fits in an answer of AgentMessage.MaxLength bytes: a corrupt count, not an allocation to make.
        private const uint MaxIdentities = AgentMessage.MaxLength / 8;

        private readonly string? startAdvice;

        // Every key this client saw listed: a refused key listed before and gone now ran out of time (or was removed).
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);

        /// <param name="timeout">Bound of connecting, listing and removing (not of signing or adding, which may wait for the person).</param>
        /// <param name="startAdvice">How to start this agent, appended to AgentNotRunning messages.</param>
        public AgentClient(IAgentEndpoint endpoint, TimeSpan? timeout = null, string? startAdvice = null)
        {
            Endpoint = endpoint;
            Timeout = timeout ?? DefaultTimeout;
            this.startAdvice = startAdvice;
        }

        public IAgentEndpoint Endpoint { get; }

        /// <summary>Bound of the requests that involve nobody.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>What the agent is and where ("the OpenSSH ssh-agent at '...'", "Pageant"); precise once it was reached.</summary>
        public string Description => Endpoint.Description;

        public AgentKind Kind => Endpoint.Kind;

        /// <summary>The keys the agent holds, in its order (the order ssh offers them), the unusable ones left out and named.</summary>
        public AgentKeyList ListIdentities(CancellationToken cancellation = default)
        {
            (byte type, SshWireReader reply) = Exchange(AgentMessage.RequestIdentities, Array.Empty<byte>(), Timeout, cancellation, QuickTimeout("list its keys"));
            if (type != AgentMessage.IdentitiesAnswer)
            {
                throw IsFailure(type) ? AgentErrors.Refused(Description, "list its keys") : Unexpected(type);
            }

            return Parse(reply, ReadList);
        }

        /// <summary>
        /// The agent's signature of <paramref name="data"/> with the key <paramref name="keyBlob"/>: the SSH
        /// signature blob (string algorithm, string signature), checked to verify with that key. Waits up
        /// to <paramref name="wait"/> (the agent may be asking the person); <paramref name="more"/> says, on
        /// a timeout, how to allow more time.
        /// </summary>
        public byte[] Sign(byte[] keyBlob, byte[] data, AgentSignFlags flags, TimeSpan? wait = null, string more = "", CancellationToken cancellation = default)
        {
            byte[] body = new SshWireWriter().WriteString(keyBlob).WriteString(data).WriteUInt32((uint)flags).ToArray();
            string key = KeyFingerprint.Sha256(keyBlob);
            (byte type, SshWireReader reply) = Exchange(AgentMessage.SignRequest, body, wait ?? DefaultPersonWait, cancellation,
                limit => AgentErrors.PersonTimeout(Description, limit, $"sign with the key {key}", more));
            if (type == AgentMessage.SignResponse)
            {
                byte[] signature = Parse(reply, r => r.ReadString());
                Parse(reply, _ => AgentSignature.Check(keyBlob, data, signature));
                return signature;
            }

            throw IsFailure(type) ? WhySignRefused(keyBlob, key, cancellation) : Unexpected(type);
        }

        /// <summary>Gives the agent a decrypted key (what ssh-add does); it then signs with it without a passphrase.</summary>
        /// <param name="comment">What the agent lists the key as (ssh-add uses the file name); null: the key's own comment.</param>
        /// <param name="wait">How long the person may take (gpg-agent asks for a passphrase to protect the key).</param>
        public void Add(SshPrivateKey key, string? comment = null, AgentKeyConstraints? constraints = null, TimeSpan? wait = null, string more = "",
            CancellationToken cancellation = default)
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
            string what = $"take the key {KeyFingerprint.Sha256(key.PublicKeyBlob)}";
            byte type;
            try
            {
                (type, _) = Exchange(constrained ? AgentMessage.AddIdentityConstrained : AgentMessage.AddIdentity, body, wait ?? DefaultPersonWait, cancellation,
                    limit => AgentErrors.PersonTimeout(Description, limit, what, more));
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }

            if (type == AgentMessage.Success)
            {
                return;
            }

            // An agent that does not know constraints refuses them: that says nothing of a lock. An empty agent
            // that refuses a plain key is locked, unless it is one that cannot be (or says it is not).
            throw !IsFailure(type) ? Unexpected(type)
                : constrained ? AgentErrors.Refused(Description, what + " with a lifetime or confirmation")
                : Lock(cancellation) is LockState.Yes or LockState.Maybe ? AgentErrors.Locked(Description, what) : AgentErrors.Refused(Description, what);
        }

        /// <summary>Makes the agent forget a key; false when it did not hold it.</summary>
        public bool Remove(byte[] keyBlob, CancellationToken cancellation = default)
        {
            (byte type, _) = Exchange(AgentMessage.RemoveIdentity, new SshWireWriter().WriteString(keyBlob).ToArray(), Timeout, cancellation, QuickTimeout("remove a key"));
            return type == AgentMessage.Success || (IsFailure(type) ? false : throw Unexpected(type));
        }

        /// <summary>
        /// Whether the agent is locked (ssh-add -x). A locked agent lists no key, exactly like an empty one;
        /// OpenSSH's (8.9+) then refuses even a valid session binding, which an unlocked one accepts
        /// (<see cref="AgentLockProbe"/>). An agent of unknown kind that refuses it may be locked or older.
        /// </summary>
        private LockState Lock(CancellationToken cancellation)
        {
            AgentKeyList now;
            try
            {
                now = ListIdentities(cancellation);
            }
            catch (Errors.EspriException)
            {
                return LockState.Unknown;
            }

            if (now.Count > 0 || Kind == AgentKind.Pageant || Kind == AgentKind.GpgAgent)
            {
                return LockState.No; // a locked agent lists nothing; Pageant and gpg-agent cannot be locked
            }

            bool? binds = AcceptsSessionBinding(cancellation);
            return binds == true ? LockState.No : binds == null ? LockState.Unknown : Kind == AgentKind.OpenSsh ? LockState.Yes : LockState.Maybe;
        }

        /// <summary>Whether the agent accepts a session binding (only an unlocked OpenSSH agent, 8.9+, does); null when it did not answer.</summary>
        private bool? AcceptsSessionBinding(CancellationToken cancellation)
        {
            try
            {
                (byte type, _) = Exchange(AgentMessage.Extension, AgentLockProbe.SessionBind(), Timeout, cancellation, QuickTimeout("bind a session"));
                return type == AgentMessage.Success;
            }
            catch (Errors.EspriException)
            {
                return null;
            }
        }

        /// <summary>
        /// A refused signature, explained as ssh cannot: the key still listed (the person said no), gone
        /// from the list (its lifetime ran out, or removed), or the agent now locked.
        /// </summary>
        private Exception WhySignRefused(byte[] keyBlob, string key, CancellationToken cancellation)
        {
            AgentKeyList now;
            try
            {
                now = ListIdentities(cancellation);
            }
            catch (Errors.EspriException)
            {
                return AgentErrors.Refused(Description, $"sign with the key {key}");
            }

            if (now.Any(i => i.Blob.SequenceEqual(keyBlob)))
            {
                return AgentErrors.RefusedByUser(Description, key);
            }

            LockState locked = now.Count == 0 ? Lock(cancellation) : LockState.No;
            if (locked == LockState.Yes)
            {
                return AgentErrors.Locked(Description, $"sign with the key {key}");
            }

            bool wasListed;
            lock (seen)
            {
                wasListed = seen.Contains(Convert.ToBase64String(keyBlob));
            }

            return !wasListed ? AgentErrors.Refused(Description, $"sign with the key {key}, which it does not hold")
                : locked == LockState.No ? AgentErrors.KeyGone(Description, key)
                : AgentErrors.LockedOrGone(Description, key);
        }

        private AgentKeyList ReadList(SshWireReader reader)
        {
            uint count = reader.ReadUInt32();
            if (count > MaxIdentities)
            {
                throw new FormatException($"it claims {count} keys");
            }

            var identities = new List<AgentIdentity>();
            var problems = new List<string>();
            string? rejected = count > SshMaxIdentities
                ? $"{Capital} lists {count} keys; ssh reads at most {SshMaxIdentities} and then offers none of them (\"error fetching identities\")"
                : null;
            for (uint i = 0; i < count; i++)
            {
                byte[] blob = reader.ReadString();
                string comment = reader.ReadUtf8String();
                string? problem = AgentKeyCheck.Problem(blob, out bool unknownType);
                if (problem == null)
                {
                    identities.Add(new AgentIdentity(blob, comment));
                    lock (seen)
                    {
                        seen.Add(Convert.ToBase64String(blob));
                    }

                    continue;
                }

                string what = $"{Capital} lists a key that cannot be used, '{UntrustedText.Escape(comment)}' ({KeyFingerprint.Sha256(blob)}): {problem}";
                problems.Add(what + (unknownType ? "; skipped, as ssh skips it." : "; skipped."));
                rejected ??= unknownType ? null : what + ". ssh then rejects the agent's whole list and offers none of its keys (\"error fetching identities\")";
            }

            if (!reader.AtEnd)
            {
                throw new FormatException("extra bytes follow the list of keys");
            }

            return new AgentKeyList(identities, problems, rejected);
        }

        private (byte Type, SshWireReader Reply) Exchange(byte type, byte[] body, TimeSpan wait, CancellationToken cancellation, Func<TimeSpan, Exception> timedOut)
        {
            (byte Type, SshWireReader Reply) answer = AgentExchange.Run(Endpoint, type, body, Timeout, wait, cancellation, timedOut, startAdvice);
            RecognizeOnce(cancellation);
            return answer;
        }

        /// <summary>
        /// An agent on a socket whose owner cannot be asked (a daemon whose parent exited, a system that does
        /// not say) is named by its answers, once: OpenSSH's agent alone accepts a session binding.
        /// </summary>
        private void RecognizeOnce(CancellationToken cancellation)
        {
            if (Endpoint is UnixSocketEndpoint socket && socket.KindFromAnswers)
            {
                socket.Recognized(AgentKind.Unknown); // asked once, whatever the answer: the probe below is itself an exchange
                if (AcceptsSessionBinding(cancellation) == true)
                {
                    socket.Recognized(AgentKind.OpenSsh);
                }
            }
        }

        private Func<TimeSpan, Exception> QuickTimeout(string what) => limit => AgentErrors.NoAnswer(Description, limit, $"asked to {what}");

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

        private string Capital => AgentErrors.Capital(Description);

        private Exception Unexpected(byte type) => AgentErrors.BadReply(Description, $"message type {type}");

        private static bool IsFailure(byte type) => type == AgentMessage.Failure || type == AgentMessage.ExtensionFailure;

        private enum LockState
        {
            No,
            Yes,

            /// <summary>Lists no key and refuses a session binding, but is not known to be OpenSSH's agent (or an OpenSSH before 8.9).</summary>
            Maybe,
            Unknown,
        }
    }
}
