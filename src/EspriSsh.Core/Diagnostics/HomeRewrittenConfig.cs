using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// A copy of the user's ssh config (and of the files it includes) in which ~ and %d name
    /// EspriSsh's home: ssh takes its home from the password database, so under ESPRISSH_HOME (or a
    /// changed HOME) it would read the real home's keys and known_hosts where EspriSsh reads the
    /// sandbox's. Every other byte of each line is kept; a BOM too (ssh refuses it: so must the copy).
    /// </summary>
    internal sealed class HomeRewrittenConfig
    {
        // Keywords whose arguments are files, expanded by ssh with ~ and %d.
        private static readonly HashSet<string> PathKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "IdentityFile", "CertificateFile", "UserKnownHostsFile", "GlobalKnownHostsFile", "RevokedHostKeys", "IdentityAgent",
            "ControlPath", "XAuthLocation", "PKCS11Provider", "SecurityKeyProvider",
        };

        // Keywords whose value is a command line: only %d (the home) is expanded in them.
        private static readonly HashSet<string> CommandKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ProxyCommand", "LocalCommand", "KnownHostsCommand", "RemoteCommand",
        };

        private readonly string home;
        private readonly string folder;
        private readonly Dictionary<string, string> copies = new Dictionary<string, string>(StringComparer.Ordinal);

        private HomeRewrittenConfig(string home, string folder)
        {
            this.home = home;
            this.folder = folder;
        }

        /// <summary>Writes the copy of <paramref name="config"/> (and its includes) into <paramref name="folder"/>; returns the copy's path.</summary>
        public static string Write(string config, string home, string folder) => new HomeRewrittenConfig(home, folder).Copy(config, 0);

        private string Copy(string file, int depth)
        {
            string full = Path.GetFullPath(file);
            if (copies.TryGetValue(full, out string? copy))
            {
                return copy;
            }

            copy = Path.Combine(folder, $"config-{copies.Count}");
            copies[full] = copy;
            SshConfigDocument document = SshConfigDocument.Load(full) ?? SshConfigDocument.Empty(full);
            // ssh stops at 16 levels of Include (a file that includes itself): the copy stops there too, ssh will say why.
            List<SshConfigLine> lines = document.Lines.Select(line => depth < IncludedFiles.MaxDepth ? Rewrite(line, depth) : line).ToList();
            AtomicFileWriter.WriteAllBytes(copy, document.With(lines, document.HasBom).ToBytes(), ownerOnly: true);
            return copy;
        }

        private SshConfigLine Rewrite(SshConfigLine line, int depth)
        {
            if (!line.IsDirective || line.Keyword == null)
            {
                return line;
            }

            if (line.Is("Include"))
            {
                // Relative names are in ~/.ssh; each file found is copied, rewritten in its turn.
                List<string> included = line.Arguments.SelectMany(argument => SshConfigIncludes.ExpandOne(argument, home)).Select(f => Copy(f, depth + 1)).ToList();
                return included.Count == 0 ? line : line.WithValue(Join(included));
            }

            if (PathKeywords.Contains(line.Keyword))
            {
                return line.WithValue(Join(line.Arguments.Select(argument => HomeToken(SshConfigIncludes.ExpandTilde(argument, home)))));
            }

            return CommandKeywords.Contains(line.Keyword) && line.RawValue.Contains("%d") ? line.WithValue(HomeToken(line.RawValue)) : line;
        }

        /// <summary>%d is the home; "%%" stays a percent sign, and a percent sign in the home is written as one.</summary>
        private string HomeToken(string value)
        {
            var result = new System.Text.StringBuilder();
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '%' && i + 1 < value.Length && (value[i + 1] == 'd' || value[i + 1] == '%'))
                {
                    result.Append(value[i + 1] == 'd' ? home.Replace("%", "%%") : "%%");
                    i++;
                }
                else
                {
                    result.Append(value[i]);
                }
            }

            return result.ToString();
        }

        private static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(SshConfigLineParser.Quote));
    }
}
