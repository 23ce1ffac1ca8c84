using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The agent for one test: its keys, listed once (the Config stage) and offered on every hop, and
    /// what it said when asked to sign. A key it (or the person) refused is not asked again in the same
    /// test, and once it let a request run out of time it is asked nothing more: it may still be showing
    /// its dialog, and OpenSSH's agent serves nobody while it does.
    /// </summary>
    internal sealed class AgentKeys
    {
        private readonly Dictionary<string, EspriException> refused = new Dictionary<string, EspriException>(StringComparer.Ordinal);
        private EspriException? gaveUp;
        private long waitingSince;

        private AgentKeys(AgentClient? client, AgentKeyList? listed, string? problem)
        {
            Client = client;
            Listed = listed;
            // ssh takes no key from a list it rejects; neither does the test that imitates it.
            Identities = listed == null || listed.WhySshRejectsIt != null ? (IReadOnlyList<AgentIdentity>)Array.Empty<AgentIdentity>() : listed;
            Problem = problem;
        }

        public AgentClient? Client { get; }

        /// <summary>What the agent listed, with the keys left out and why; null when it could not be asked.</summary>
        public AgentKeyList? Listed { get; }

        /// <summary>The keys offered, in the agent's order; empty when there is no agent, it is locked, or ssh rejects its list.</summary>
        public IReadOnlyList<AgentIdentity> Identities { get; }

        /// <summary>Why no agent could be asked; null when one answered.</summary>
        public string? Problem { get; }

        public string? Agent => Client?.Description;

        public bool Answered => Problem == null;

        /// <summary>When the request now waiting for the agent began (Stopwatch ticks); 0 when none waits.</summary>
        public long WaitingSince => Interlocked.Read(ref waitingSince);

        /// <summary>The agent let a request run out of time (its message); it is asked nothing more.</summary>
        public EspriException? GaveUp => gaveUp;

        public static AgentKeys NotUsed { get; } = new AgentKeys(null, null, "the test was told not to use an agent");

        public static AgentKeys Ask(SshAgent agent, CancellationToken cancellation)
        {
            AgentClient? client = agent.Client(out string? whyNone);
            if (client == null)
            {
                return new AgentKeys(null, null, whyNone);
            }

            try
            {
                return new AgentKeys(client, client.ListIdentities(cancellation), null);
            }
            catch (EspriException ex)
            {
                return new AgentKeys(null, null, ex.Message);
            }
        }

        /// <summary>
        /// The agent's signature with <paramref name="blob"/> (a key or a certificate it holds), or null
        /// with the reason in <paramref name="problem"/>. Waits up to <paramref name="wait"/>: the agent may
        /// be asking the person. Ctrl+C (<paramref name="cancellation"/>) stops the wait at once.
        /// </summary>
        public byte[]? Sign(byte[] blob, string algorithm, byte[] data, TimeSpan wait, string more, CancellationToken cancellation,
            out EspriException? problem)
        {
            string id = Convert.ToBase64String(blob);
            problem = gaveUp ?? (refused.TryGetValue(id, out EspriException? before) ? before : null);
            if (problem != null)
            {
                return null;
            }

            if (wait <= TimeSpan.Zero)
            {
                problem = gaveUp = AgentTimedOut(more);
                return null;
            }

            Interlocked.Exchange(ref waitingSince, Stopwatch.GetTimestamp());
            try
            {
                return Client!.Sign(blob, data, SignatureAlgorithms.AgentFlags(algorithm), wait, more, cancellation);
            }
            catch (EspriException ex)
            {
                problem = ex;
                if (ex.ErrorId == ErrorIds.AgentTimeout || ex.ErrorId == ErrorIds.AgentNotRunning)
                {
                    gaveUp = ex;
                }
                else
                {
                    refused[id] = ex;
                }

                return null;
            }
            finally
            {
                Interlocked.Exchange(ref waitingSince, 0);
            }
        }

        /// <summary>Whether this key was refused earlier in the test (by the agent or the person).</summary>
        public EspriException? RefusedBefore(byte[] blob) => gaveUp ?? (refused.TryGetValue(Convert.ToBase64String(blob), out EspriException? ex) ? ex : null);

        /// <summary>For the Config stage: "agent: Pageant at '...' (2 keys)", or why there is none.</summary>
        public string Describe()
        {
            if (!Answered)
            {
                return "no agent: " + FirstSentence(Problem!);
            }

            int count = Listed!.Count;
            string keys = count == 0 ? "no key; it may be locked" : count == 1 ? "1 key" : count + " keys";
            string skipped = Listed.Problems.Count == 0 ? "" : $", {Listed.Problems.Count} unusable key(s) skipped";
            string rejected = Listed.WhySshRejectsIt == null ? "" : "; none offered: ssh rejects this agent's list";
            return $"agent: {Agent} ({keys}{skipped}{rejected})";
        }

        /// <summary>Why the agent gave no key: none found, it did not answer, it lists none, or ssh rejects its list.</summary>
        public string WhyNoKeys() => !Answered ? FirstSentence(Problem!)
            : Listed!.WhySshRejectsIt ?? (Listed.Count == 0 ? $"{Agent} holds no key; it may be locked" : $"{Agent} holds only keys this test cannot use");

        /// <summary>What the Config stage warns of: ssh rejects the agent's list (a malformed key in it), so none of its keys is offered.</summary>
        public string? Warning() => Listed?.WhySshRejectsIt == null ? null
            : $"{Listed.WhySshRejectsIt}. Remove the damaged key from the agent (ssh-add -d <its file>), or restart the agent and add your keys again.";

        private EspriException AgentTimedOut(string more) =>
            new EspriException(ErrorIds.AgentTimeout,
                $"No time was left to ask {Agent} for a signature (the stage's time was spent). {more}", Agent);

        private static string FirstSentence(string text)
        {
            int end = text.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? text.TrimEnd('.') : text.Substring(0, end);
        }
    }
}
