using System.Collections;
using System.Collections.Generic;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// The keys an agent listed, in its order (the order ssh offers them), without those that cannot be
    /// used; each of those is a problem naming the agent. A locked agent lists none.
    /// </summary>
    public sealed class AgentKeyList : IReadOnlyList<AgentIdentity>
    {
        private readonly IReadOnlyList<AgentIdentity> identities;

        internal AgentKeyList(IReadOnlyList<AgentIdentity> identities, IReadOnlyList<string> problems, string? whySshRejectsIt)
        {
            this.identities = identities;
            Problems = problems;
            WhySshRejectsIt = whySshRejectsIt;
        }

        /// <summary>One sentence per key left out ("gpg-agent at '...' lists a key ... : skipped"), agent text escaped.</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>
        /// Why ssh refuses this whole list and offers none of the agent's keys (a malformed key, more
        /// than 2048 keys); null when ssh takes it. Test-EspriConnection then offers none either.
        /// </summary>
        public string? WhySshRejectsIt { get; }

        public int Count => identities.Count;

        public AgentIdentity this[int index] => identities[index];

        public IEnumerator<AgentIdentity> GetEnumerator() => identities.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
