using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The files Include lines pull in during one reading of a config. Globs that include each other
    /// would otherwise multiply at every level (n files including "conf.d/*" give n^16 reads before
    /// ssh's depth limit), so each file is read once, at most <see cref="MaxFiles"/> in all and
    /// <see cref="MaxDepth"/> deep (ssh's READCONF_MAX_DEPTH); beyond that the config is refused.
    /// </summary>
    internal sealed class IncludedFiles
    {
        public const int MaxDepth = 16;

        public const int MaxFiles = 256;

        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>True the first time <paramref name="path"/> is met (read it), false when it was already read.</summary>
        public bool Add(string path, int depth, SshConfigLocation includedFrom) => Add(path, false, depth, includedFrom);

        /// <summary>As <see cref="Add(string, int, SshConfigLocation)"/>, a file read "parse only" (under a section that does not apply) counted apart.</summary>
        public bool Add(string path, bool parseOnly, int depth, SshConfigLocation includedFrom)
        {
            if (depth > MaxDepth)
            {
                throw Refused(includedFrom, $"Include lines nest more than {MaxDepth} levels deep (ssh stops with \"Too many recursive configuration includes\")");
            }

            if (!seen.Add((parseOnly ? "?" : "") + Path.GetFullPath(path)))
            {
                return false;
            }

            if (seen.Count > MaxFiles)
            {
                throw Refused(includedFrom, $"the Include lines pull in more than {MaxFiles} files");
            }

            return true;
        }

        /// <summary>A file that includes itself, directly or through others: ssh recurses until its depth limit and refuses the config.</summary>
        public static EspriException Cycle(SshConfigLocation includedFrom, string path) =>
            Refused(includedFrom, $"{UntrustedText.Quoted(path)} includes itself (directly or through other included files), which ssh refuses (\"Too many recursive configuration includes\")");

        private static EspriException Refused(SshConfigLocation location, string problem) =>
            new EspriException(ErrorIds.ConfigInvalid,
                $"{location}: {problem}. Narrow the Include patterns so that each file is included once.", location.ToString());
    }
}
