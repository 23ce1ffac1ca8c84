namespace EspriSsh.Core.Agent
{
    /// <summary>Message numbers of the SSH agent protocol (draft-miller-ssh-agent, section 6.1; OpenSSH authfd.h).</summary>
    internal static class AgentMessage
    {
        public const byte Failure = 5;
        public const byte Success = 6;
        public const byte RequestIdentities = 11;
        public const byte IdentitiesAnswer = 12;
        public const byte SignRequest = 13;
        public const byte SignResponse = 14;
        public const byte AddIdentity = 17;
        public const byte RemoveIdentity = 18;
        public const byte AddIdentityConstrained = 25;

        /// <summary>SSH_AGENTC_EXTENSION: a named extension request (session-bind@openssh.com...).</summary>
        public const byte Extension = 27;

        /// <summary>OpenSSH's and the draft's other failure answers (extension failure); treated as Failure.</summary>
        public const byte ExtensionFailure = 28;

        public const byte ConstrainLifetime = 1;
        public const byte ConstrainConfirm = 2;

        /// <summary>OpenSSH refuses longer messages (AGENT_MAX_LEN); so do we, against a runaway peer.</summary>
        public const int MaxLength = 256 * 1024;
    }
}
