using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// Something ssh says about a config while reading it, in ssh's own words, with the line it is on
    /// when ssh names one. An error makes ssh refuse the config ("terminating, N bad configuration
    /// options"); a notice ("Unsupported option") is printed but the config is used.
    /// </summary>
    public sealed class SshConfigProblem
    {
        public SshConfigProblem(SshConfigLocation? location, string message, bool refuses = true)
        {
            Location = location;
            Message = message;
            Refuses = refuses;
        }

        /// <summary>The file and line ssh names; null for a problem of the whole reading (too many includes).</summary>
        public SshConfigLocation? Location { get; }

        /// <summary>ssh's words, such as "Bad configuration option: usekeychain" or "Bad port 'x'."</summary>
        public string Message { get; }

        public bool Refuses { get; }

        /// <summary>What EspriSsh adds for a person (which ssh knows a keyword); null when nothing.</summary>
        public string? Note { get; set; }

        public override string ToString() => Location == null ? Message : Location + ": " + Message;
    }
}
