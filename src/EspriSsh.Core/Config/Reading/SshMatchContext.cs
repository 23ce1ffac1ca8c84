using System;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>What a Match line is judged against at the moment ssh reads it.</summary>
    internal sealed class SshMatchContext
    {
        /// <summary>"host": the HostName so far (%h expanded), or the name typed; in the final pass the canonical host name.</summary>
        public string Host { get; set; } = "";

        /// <summary>"originalhost": the name as typed.</summary>
        public string OriginalHost { get; set; } = "";

        /// <summary>"user": the User so far, else the local user.</summary>
        public string RemoteUser { get; set; } = "";

        /// <summary>"localuser": the local account (the password database's name).</summary>
        public string LocalUser { get; set; } = "";

        public int Port { get; set; } = 22;

        public string? HostKeyAlias { get; set; }

        /// <summary>The home of the password database (%d).</summary>
        public string Home { get; set; } = "";

        public bool FinalPass { get; set; }

        /// <summary>Runs a Match exec command as ssh would; null when it cannot be run here (the line is then not judged).</summary>
        public Func<string, int?>? Exec { get; set; }

        public SshLocalFacts Facts { get; set; } = SshLocalFacts.Current;
    }
}
