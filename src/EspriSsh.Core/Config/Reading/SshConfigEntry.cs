using System.Collections.Generic;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>One directive ssh took a value from: its arguments (quotes removed), the rest of the line as written, and where it is.</summary>
    internal sealed class SshConfigEntry
    {
        public SshConfigEntry(string keyword, IReadOnlyList<string> arguments, string raw, SshConfigLocation source)
        {
            Keyword = keyword;
            Arguments = arguments;
            Raw = raw;
            Source = source;
        }

        /// <summary>The canonical keyword, lower case.</summary>
        public string Keyword { get; }

        public IReadOnlyList<string> Arguments { get; }

        /// <summary>What follows the keyword and its separator: the value of ProxyCommand and the other commands.</summary>
        public string Raw { get; }

        public SshConfigLocation Source { get; }

        /// <summary>The arguments joined by one space (what ssh -G prints for most keywords).</summary>
        public string Value => string.Join(" ", Arguments);
    }
}
