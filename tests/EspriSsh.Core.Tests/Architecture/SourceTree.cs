using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>The repository's C# sources, read as text, with comments removed where a rule looks at code only.</summary>
    internal static class SourceTree
    {
        private static readonly Regex LineComment = new Regex(@"//.*$", RegexOptions.Multiline);
        private static readonly Regex BlockComment = new Regex(@"/\*.*?\*/", RegexOptions.Singleline);

        // A C# string literal ("...", $"...", @"..."), escapes included.
        private static readonly Regex StringLiteral = new Regex(@"@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""");

        public static string Root { get; } = FindRoot();

        public static string Src => Path.Combine(Root, "src");

        public static string Core => Path.Combine(Src, "EspriSsh.Core");

        /// <summary>Every .cs file under <paramref name="directory"/>, build output excluded.</summary>
        public static IEnumerable<string> CSharpFiles(string directory) =>
            Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .OrderBy(f => f, StringComparer.Ordinal);

        /// <summary>The text of a source file without its comments (string literals are left whole).</summary>
        public static string Code(string file)
        {
            string text = File.ReadAllText(file);
            var literals = new List<string>();
            string masked = StringLiteral.Replace(text, m =>
            {
                literals.Add(m.Value);
                return "\u0001" + (literals.Count - 1) + "\u0002";
            });
            masked = LineComment.Replace(BlockComment.Replace(masked, ""), "");
            return Regex.Replace(masked, "\u0001(\\d+)\u0002", m => literals[int.Parse(m.Groups[1].Value)]);
        }

        /// <summary>The string literals of a source file (comments ignored).</summary>
        public static IEnumerable<string> StringLiterals(string file) =>
            StringLiteral.Matches(Code(file)).Cast<Match>().Select(m => m.Value);

        public static string Relative(string file) => file.Substring(Root.Length).TrimStart('/', '\\').Replace('\\', '/');

        // Above the test assembly (the xUnit runner may run it from its own folder, without an AppDomain).
        private static string FindRoot()
        {
            string start = Path.GetDirectoryName(typeof(SourceTree).Assembly.Location);
            for (string dir = start; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "EspriSsh.slnx")))
                {
                    return dir;
                }
            }

            throw new InvalidOperationException("The repository root (EspriSsh.slnx) was not found above " + start);
        }
    }
}
