using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config.Grammar;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// One reading of the config files, as readconf.c's read_config_file_depth: every line is
    /// checked, Host and Match decide which lines apply, Include reads other files where it stands
    /// (files under a section that does not apply are read "parse only": checked, never applied). A
    /// file with bad lines stops ssh at its end: it is recorded and the reading goes on (the settings a
    /// newer ssh would take from such a file); a file including itself stops the reading at once.
    /// </summary>
    internal sealed class SshConfigPass
    {
        private readonly SshOptionValues values;
        private readonly SshResolveOptions options;
        private readonly SshReadingState state;
        private readonly string host;
        private readonly bool finalPass;
        private readonly SshDirectiveReader directives;
        private readonly IncludedFiles included = new IncludedFiles();
        private readonly Stack<string> including = new Stack<string>();

        /// <param name="host">What Host lines match: the name typed, or in the final pass the canonical host name.</param>
        public SshConfigPass(SshOptionValues values, SshResolveOptions options, SshReadingState state, string host, bool finalPass)
        {
            this.values = values;
            this.options = options;
            this.state = state;
            this.host = host;
            this.finalPass = finalPass;
            directives = new SshDirectiveReader(values, new SshExpansion(options.Environment), state.Problems);
        }

        /// <summary>Reads a file from its first line, the lines applying (as -F FILE does).</summary>
        public void Read(SshConfigDocument document)
        {
            bool active = true;
            Read(document, ref active, neverMatch: false, depth: 0);
        }

        private void Read(SshConfigDocument document, ref bool active, bool neverMatch, int depth)
        {
            string file = document.Path ?? "(config)";
            state.FilesRead.Add(file);
            including.Push(document.Path == null ? file : Path.GetFullPath(document.Path));
            int badLines = 0;
            for (int i = 0; i < document.Lines.Count; i++)
            {
                SshConfigLine line = document.Lines[i];
                if (line.Kind == SshConfigLineKind.Blank || line.Kind == SshConfigLineKind.Comment || string.IsNullOrEmpty(line.Keyword))
                {
                    continue;
                }

                // A BOM in front of the first keyword makes it an unknown one, as for ssh.
                string keyword = (i == 0 && document.HasBom ? "\u00ef\u00bb\u00bf" : "") + line.LowerKeyword!;
                if (!ReadLine(line, keyword, new SshConfigLocation(file, i + 1), ref active, neverMatch, depth))
                {
                    badLines++;
                }
            }

            including.Pop();
            if (badLines > 0)
            {
                // ssh stops here; reading on gives the settings the rest of the file would give, for a newer ssh that accepts it.
                state.Problems.Add(new SshConfigProblem(null, $"{file}: terminating, {badLines} bad configuration options"));
            }
        }

        private bool ReadLine(SshConfigLine line, string keyword, SshConfigLocation location, ref bool active, bool neverMatch, int depth)
        {
            if (line.WholeValue.Length == 0)
            {
                return Bad(location, $"no argument after keyword \"{keyword}\"");
            }

            SshKeyword? known = SshKeywords.Find(keyword);
            if (known == null)
            {
                string? ignored = values.First("ignoreunknown")?.Arguments[0];
                if (ignored != null && HostPatternMatcher.PatternListResult(keyword, ignored, lowerPattern: true) == 1)
                {
                    return true;
                }

                string? elsewhere = SshKeywords.KnownElsewhere(keyword);
                return Bad(location, "Bad configuration option: " + keyword, elsewhere == null ? null : "that keyword is known to " + elsewhere);
            }

            if (line.Kind == SshConfigLineKind.Invalid)
            {
                return Bad(location, "invalid quotes");
            }

            switch (known.Kind)
            {
                case SshOptionKind.Host:
                    return ReadHost(line, location, ref active, neverMatch);
                case SshOptionKind.Match:
                    return ReadMatch(line, location, ref active, neverMatch);
                case SshOptionKind.Include:
                    return ReadInclude(line, location, ref active, depth);
                default:
                    return directives.Read(known, line, location, active);
            }
        }

        private bool ReadHost(SshConfigLine line, SshConfigLocation location, ref bool active, bool neverMatch)
        {
            active = false;
            foreach (string pattern in line.Arguments)
            {
                if (pattern.Length == 0)
                {
                    return Bad(location, "keyword host empty argument");
                }

                if (neverMatch)
                {
                    break;
                }

                bool negated = pattern[0] == '!';
                if (HostPatternMatcher.Glob(host, negated ? pattern.Substring(1) : pattern))
                {
                    if (negated)
                    {
                        active = false;
                        break;
                    }

                    active = true;
                }
            }

            return true;
        }

        private bool ReadMatch(SshConfigLine line, SshConfigLocation location, ref bool active, bool neverMatch)
        {
            SshMatchContext context = state.MatchContext(values, finalPass);
            int verdict = SshMatchEvaluator.Evaluate(line.WholeValue, context, location, state.Problems,
                out bool wantsFinal, out bool notJudged, out bool leftOver);
            state.WantsFinalPass |= wantsFinal && !finalPass;
            if (verdict < 0)
            {
                return Bad(location, "Bad Match condition");
            }

            if (notJudged)
            {
                state.NotJudged.Add(location);
            }

            active = !neverMatch && verdict == 1;
            return !leftOver || Bad(location, "keyword match extra arguments at end of line");
        }

        private bool ReadInclude(SshConfigLine line, SshConfigLocation location, ref bool active, int depth)
        {
            foreach (string argument in line.Arguments)
            {
                if (argument.Length == 0)
                {
                    return Bad(location, "keyword include empty argument");
                }
            }

            bool wasActive = active;
            foreach (string path in SshConfigIncludes.Expand(line, options.IncludeHome))
            {
                bool cycle = including.Contains(Path.GetFullPath(path));
                if (cycle || depth + 1 > IncludedFiles.MaxDepth)
                {
                    state.Problems.Add(new SshConfigProblem(location, "Too many recursive configuration includes")
                    {
                        Note = cycle ? $"{UntrustedText.Quoted(path)} includes itself, directly or through other included files" : $"Include lines nest more than {IncludedFiles.MaxDepth} levels deep",
                    });
                    throw new SshConfigRefusal();
                }

                if (!included.Add(path, parseOnly: !wasActive, depth + 1, location))
                {
                    continue;
                }

                if (PermissionProblem(path) is string permissions)
                {
                    state.Problems.Add(new SshConfigProblem(location, permissions));
                    throw new SshConfigRefusal();
                }

                SshConfigDocument? document = Directory.Exists(path) ? SshConfigDocument.Empty(path) : SshConfigDocument.Load(path);
                if (document != null)
                {
                    Read(document, ref active, neverMatch: !wasActive, depth + 1);
                }

                // An included file's Host and Match lines do not change the including file's section.
                active = wasActive;
            }

            return true;
        }

        /// <summary>ssh reads an included file only when no one else may write it ("Bad owner or permissions").</summary>
        private static string? PermissionProblem(string path) =>
            Platform.HostPlatform.FileProtection.InspectFolder(path).IsOwnerOnly ? null : "Bad owner or permissions on " + path;

        private bool Bad(SshConfigLocation location, string message, string? note = null)
        {
            state.Problems.Add(new SshConfigProblem(location, message) { Note = note });
            return false;
        }
    }
}
