using System;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Flags of a sign request. Without one of the RSA flags an agent signs an RSA key with ssh-rsa
    /// (SHA-1), which OpenSSH 8.8+ servers refuse.
    /// </summary>
    [Flags]
    public enum AgentSignFlags : uint
    {
        None = 0,
        RsaSha2_256 = 2,
        RsaSha2_512 = 4,
    }
}
