using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The files an Include line names, as ssh finds them: "~/" is the home, a relative path is
    /// relative to ~/.ssh, and '*' / '?' are glob(3) wildcards in any path component (sorted, a leading
    /// dot only matched explicitly, no match is not an error).
    /// </summary>
    public static class SshConfigIncludes
    {
        /// <summary>Directory entries one Include argument may make us look at ("/*/*/*" would walk the whole disk).</summary>
        internal const int MaxGlobEntries = 10000;

        public static IEnumerable<string> Expand(SshConfigLine includeLine, string home) =>
            includeLine.Arguments.SelectMany(argument => ExpandOne(argument, home));

        public static IEnumerable<string> ExpandOne(string argument, string home)
        {
            string path = ExpandTilde(argument, home);
            if (!Path.IsPathRooted(path))
            {
                path = Path.Combine(home, ".ssh", path);
            }

            return Glob(path, argument).Where(File.Exists);
        }

        public static string ExpandTilde(string path, string home)
        {
            if (path == "~")
            {
                return home;
            }

            return path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
                ? Path.Combine(home, path.Substring(2))
                : path;
        }

        private static IEnumerable<string> Glob(string path, string argument)
        {
            string root = Path.GetPathRoot(path) ?? "";
            string[] parts = path.Substring(root.Length).Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
            IEnumerable<string> current = new[] { root };
            int budget = MaxGlobEntries;
            foreach (string part in parts)
            {
                string p = part;
                current = current.SelectMany(dir => Children(dir, p, ref budget, argument)).ToList();
            }

            return current.OrderBy(x => x, StringComparer.Ordinal);
        }

        private static IEnumerable<string> Children(string directory, string part, ref int budget, string argument)
        {
            if (part.IndexOfAny(new[] { '*', '?' }) < 0)
            {
                return new[] { Path.Combine(directory, part) };
            }

            if (!Directory.Exists(directory))
            {
                return Enumerable.Empty<string>();
            }

            var matches = new List<string>();
            foreach (string entry in Directory.EnumerateFileSystemEntries(directory))
            {
                if (--budget < 0)
                {
                    throw new EspriException(ErrorIds.ConfigInvalid,
                        $"Include {argument} makes ssh look through more than {MaxGlobEntries} files and folders. Name the files to include more precisely.", argument);
                }

                string name = Path.GetFileName(entry);
                if ((!name.StartsWith(".", StringComparison.Ordinal) || part.StartsWith(".", StringComparison.Ordinal)) && HostPatternMatcher.Glob(name, part))
                {
                    matches.Add(entry);
                }
            }

            return matches;
        }
    }
}
