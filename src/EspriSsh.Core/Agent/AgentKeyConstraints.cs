using System;

namespace EspriSsh.Core.Agent
{
    /// <summary>Limits the agent applies to a key it is given (ssh-add -t and -c).</summary>
    public sealed class AgentKeyConstraints
    {
        /// <summary>The agent forgets the key after this time; null: until it stops.</summary>
        public TimeSpan? Lifetime { get; set; }

        /// <summary>The agent asks the user before each use of the key.</summary>
        public bool Confirm { get; set; }

        internal bool Any => Lifetime != null || Confirm;
    }
}
