using System;
using System.Collections.Generic;
using System.Threading;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Connection
{
    /// <summary>The agent's keys for one test, listed once (the Config stage) and signed with on every hop.</summary>
    internal sealed class AgentKeys
    {
        private AgentKeys(AgentClient? client, IReadOnlyList<AgentIdentity> identities, string? problem)
        {
            Client = client;
            Identities = identities;
            Problem = problem;
        }

        public AgentClient? Client { get; }

        /// <summary>In the agent's order; empty when there is no agent (or it is locked).</summary>
        public IReadOnlyList<AgentIdentity> Identities { get; }

        /// <summary>Why no agent could be asked; null when one answered.</summary>
        public string? Problem { get; }

        public string? Agent => Client?.Description;

        public bool Answered => Problem == null;

        public static AgentKeys NotUsed { get; } = new AgentKeys(null, Array.Empty<AgentIdentity>(), "the test was told not to use an agent");

        public static AgentKeys Ask(SshAgent agent, CancellationToken cancellation)
        {
            AgentClient? client = agent.Client(out string? whyNone);
            if (client == null)
            {
                return new AgentKeys(null, Array.Empty<AgentIdentity>(), whyNone);
            }

            try
            {
                return new AgentKeys(client, client.ListIdentities(cancellation), null);
            }
            catch (EspriException ex)
            {
                return new AgentKeys(null, Array.Empty<AgentIdentity>(), ex.Message);
            }
        }

        /// <summary>For the Config stage: "agent: Pageant (2 keys)", or why there is none.</summary>
        public string Describe() => Answered
            ? $"agent: {Agent} ({(Identities.Count == 0 ? "no key; it may be locked" : Identities.Count == 1 ? "1 key" : Identities.Count + " keys")})"
            : "no agent: " + FirstSentence(Problem!);

        private static string FirstSentence(string text)
        {
            int end = text.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? text.TrimEnd('.') : text.Substring(0, end);
        }
    }
}
