using System;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
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
