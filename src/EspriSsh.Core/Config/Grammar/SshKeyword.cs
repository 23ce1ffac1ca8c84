using System.Collections.Generic;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>One keyword of ssh_config as OpenSSH reads it: the name `ssh -G` prints, how its arguments are read.</summary>
    internal sealed class SshKeyword
    {
        public SshKeyword(string name, SshOptionKind kind, IReadOnlyList<string>? choices = null)
        {
            Name = name;
            Kind = kind;
            Choices = choices;
        }

        /// <summary>The keyword's canonical name, lower case (aliases such as "identityfile2" map to "identityfile").</summary>
        public string Name { get; }

        public SshOptionKind Kind { get; }

        /// <summary>For <see cref="SshOptionKind.Choice"/>: the words accepted (compared without case).</summary>
        public IReadOnlyList<string>? Choices { get; }
    }
}
