using System.Collections.Generic;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>What the readings of one host share: what ssh said, what could not be judged, the files read, the facts Match criteria use.</summary>
    internal sealed class SshReadingState
    {
        public SshReadingState(string hostArgument, SshResolveOptions options)
        {
            HostArgument = hostArgument;
            Options = options;
        }

        /// <summary>The host as typed (ssh's host_arg, "originalhost").</summary>
        public string HostArgument { get; }

        public SshResolveOptions Options { get; }

        /// <summary>The canonical host name the final pass matches against (set before it).</summary>
        public string? FinalHost { get; set; }

        public List<SshConfigProblem> Problems { get; } = new List<SshConfigProblem>();

        /// <summary>Match lines whose exec command could not be run here: treated as not matching.</summary>
        public List<SshConfigLocation> NotJudged { get; } = new List<SshConfigLocation>();

        public List<string> FilesRead { get; } = new List<string>();

        /// <summary>A "Match final" was read (or CanonicalizeHostname is on): ssh reads the files once more.</summary>
        public bool WantsFinalPass { get; set; }

        /// <summary>The facts a Match line is judged on at this point of the reading (match_cfg_line's locals).</summary>
        public SshMatchContext MatchContext(SshOptionValues values, bool finalPass)
        {
            string? hostName = values.First("hostname")?.Arguments[0];
            string host = finalPass ? FinalHost ?? HostArgument
                : hostName == null ? HostArgument
                : new SshExpansion(_ => null).Percent(hostName, new Dictionary<char, string> { ['h'] = HostArgument }, out _) ?? hostName;
            string? port = values.First("port")?.Arguments[0];
            return new SshMatchContext
            {
                Host = host,
                OriginalHost = HostArgument,
                RemoteUser = values.First("user")?.Arguments[0] ?? Options.LocalUser,
                LocalUser = Options.LocalUser,
                Port = port == null ? 22 : SshValueSyntax.Port(port),
                HostKeyAlias = values.First("hostkeyalias")?.Arguments[0],
                Home = Options.Home,
                FinalPass = finalPass,
                Exec = Options.MatchExec,
                Facts = Options.Facts,
            };
        }
    }
}
