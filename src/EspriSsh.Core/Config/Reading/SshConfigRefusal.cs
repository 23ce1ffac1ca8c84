using System;

namespace EspriSsh.Core.Config
{
    /// <summary>ssh stops reading here (fatal, or the end of a file with bad lines): the problems recorded so far say why.</summary>
    internal sealed class SshConfigRefusal : Exception
    {
        public SshConfigRefusal()
            : base("ssh refuses this configuration.")
        {
        }
    }
}
