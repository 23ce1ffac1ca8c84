using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// docs/ARCHITECTURE.md names only what exists: every path it quotes (`Keys/KeyFile`,
    /// `tests/HostileInput.Tests.ps1`) is a file or folder, every name (`AtomicFileWriter`,
    /// `HostPlatform.Override`) is a type, member, ErrorId or word of the code (comments do not count),
    /// and every test attribute (`[WindowsFact]`) is declared and used by a test.
    /// </summary>
    public class ArchitectureDocTests
    {
        private static readonly string DocPath = Path.Combine(SourceTree.Root, "docs", "ARCHITECTURE.md");
        private static readonly Regex Quoted = new Regex("`([^`\n]+)`");
        private static readonly Regex PathLike = new Regex(@"^[\w.*-]+(/[\w.*-]*)+$");
        private static readonly Regex NameLike = new Regex(@"^[A-Z]\w*(\.[A-Za-z_]\w*)*(\(\))?$");
        private static readonly Regex AttributeLike = new Regex(@"^\[(\w+)(\(.*\))?\]$");
        private static readonly Regex Declaration = new Regex(@"\b(?:class|interface|enum|struct|record|delegate\s+[\w<>\[\],.? ]+?)\s+(\w+)");
        private static readonly Regex Word = new Regex(@"\w+");

        // Where a quoted path may start: the repository, the core (`Keys/KeyFile`, or `Core/Keys/KeyFile`),
        // the cmdlet project and the xUnit project (`Architecture/SiteDataTests.cs`).
        private static readonly string[] PathBases =
        {
            SourceTree.Root, SourceTree.Core, Path.Combine(SourceTree.Src, "EspriSsh"), Path.Combine(SourceTree.Root, "tests", "EspriSsh.Core.Tests"),
        };

        private static readonly Lazy<CodeIndex> Code = new Lazy<CodeIndex>(() => new CodeIndex());

        [Fact]
        public void EveryPathTheDocQuotesExists()
        {
            string[] missing = QuotedIn(File.ReadAllText(DocPath)).Where(IsCheckedPath).Where(p => !PathExists(p)).ToArray();

            Assert.True(missing.Length == 0, "docs/ARCHITECTURE.md quotes paths that do not exist:\n" + string.Join("\n", missing));
        }

        [Fact]
        public void EveryNameTheDocQuotesIsInTheCode()
        {
            string[] missing = QuotedIn(File.ReadAllText(DocPath)).Where(q => NameLike.IsMatch(q) && !IsConstantName(q)).Where(n => !NameExists(n)).ToArray();

            Assert.True(missing.Length == 0, "docs/ARCHITECTURE.md names what the code does not have:\n" + string.Join("\n", missing));
        }

        [Fact]
        public void EveryTestAttributeTheDocQuotesIsDeclaredAndUsed()
        {
            string[] missing = QuotedIn(File.ReadAllText(DocPath)).Select(q => AttributeLike.Match(q)).Where(m => m.Success)
                .Select(m => m.Groups[1].Value).Where(a => !AttributeIsUsed(a)).ToArray();

            Assert.True(missing.Length == 0, "docs/ARCHITECTURE.md cites test attributes no test uses:\n" + string.Join("\n", missing));
        }

        [Fact]
        public void TheChecksRejectWhatDoesNotExist()
        {
            const string Planted = "`Connection/ConnectionPassphrase` `Keys/KeyFile` `KeyFile` `ConnectionPassphrase` `HostPlatform.Override` `HostPlatform.Overwrite` "
                + "`[UnixFact]` `[MacFact]` `FileTooLarge` `ESPRISSH_HOME`";
            string[] quoted = QuotedIn(Planted).ToArray();

            Assert.Equal(new[] { "Connection/ConnectionPassphrase" }, quoted.Where(IsCheckedPath).Where(p => !PathExists(p)));
            Assert.Equal(new[] { "ConnectionPassphrase", "HostPlatform.Overwrite" }, quoted.Where(q => NameLike.IsMatch(q) && !IsConstantName(q)).Where(n => !NameExists(n)));
            Assert.Equal(new[] { "MacFact" }, quoted.Select(q => AttributeLike.Match(q)).Where(m => m.Success).Select(m => m.Groups[1].Value).Where(a => !AttributeIsUsed(a)));
        }

        private static IEnumerable<string> QuotedIn(string markdown) =>
            Quoted.Matches(markdown).Cast<Match>().Select(m => m.Groups[1].Value.Trim()).Distinct();

        // Build output (out/, Dependencies/) and the user's files (~/.ssh, /dev/zero) are not in the repository.
        private static bool IsCheckedPath(string quoted) =>
            PathLike.IsMatch(quoted) && !quoted.StartsWith("out/", StringComparison.Ordinal) && !quoted.StartsWith("Dependencies/", StringComparison.Ordinal);

        private static bool PathExists(string quoted)
        {
            string relative = quoted.StartsWith("Core/", StringComparison.Ordinal) ? quoted.Substring("Core/".Length) : quoted;
            return PathBases.Any(b => Exists(Path.Combine(b, relative.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar))));
        }

        private static bool Exists(string path)
        {
            if (Path.GetFileName(path).Contains("*"))
            {
                string folder = Path.GetDirectoryName(path);
                return Directory.Exists(folder) && Directory.GetFileSystemEntries(folder, Path.GetFileName(path)).Length > 0;
            }

            return File.Exists(path) || File.Exists(path + ".cs") || Directory.Exists(path);
        }

        // ESPRISSH_HOME, SHA256: environment variables and formats, not code names.
        private static bool IsConstantName(string name) => name.ToUpperInvariant() == name;

        private static bool NameExists(string quoted)
        {
            string name = quoted.EndsWith("()", StringComparison.Ordinal) ? quoted.Substring(0, quoted.Length - 2) : quoted;
            if (Code.Value.Namespaces.Contains(name) || ErrorIds.All.ContainsKey(name))
            {
                return true;
            }

            string[] parts = name.Split('.');
            if (!parts.All(Code.Value.Words.Contains))
            {
                return false;
            }

            // Type.Member of ours: the member is in the type's own files.
            return parts.Length == 1 || !Code.Value.TypeFiles.TryGetValue(parts[0], out List<string> files)
                || files.Any(f => Word.Matches(SourceTree.Code(f)).Cast<Match>().Any(w => w.Value == parts[1]));
        }

        private static bool AttributeIsUsed(string name) =>
            (Code.Value.TypeFiles.ContainsKey(name + "Attribute") || typeof(FactAttribute).Assembly.GetType("Xunit." + name + "Attribute") != null)
            && SourceTree.CSharpFiles(Path.Combine(SourceTree.Root, "tests"))
                .Any(f => Regex.IsMatch(SourceTree.Code(f), @"\[\s*" + name + @"\s*[\](]"));

        /// <summary>What the code declares and says, comments left out.</summary>
        private sealed class CodeIndex
        {
            public CodeIndex()
            {
                // This file is left out: its planted names must not count as code.
                string[] csharp = SourceTree.CSharpFiles(SourceTree.Src).Concat(SourceTree.CSharpFiles(Path.Combine(SourceTree.Root, "tests")))
                    .Where(f => Path.GetFileName(f) != nameof(ArchitectureDocTests) + ".cs")
                    .ToArray();
                foreach (string file in csharp)
                {
                    string code = SourceTree.Code(file);
                    foreach (Match m in Declaration.Matches(code))
                    {
                        if (!TypeFiles.TryGetValue(m.Groups[1].Value, out List<string> files))
                        {
                            TypeFiles[m.Groups[1].Value] = files = new List<string>();
                        }

                        files.Add(file);
                    }

                    foreach (Match m in Regex.Matches(code, @"\bnamespace\s+([\w.]+)"))
                    {
                        string[] parts = m.Groups[1].Value.Split('.');
                        for (int i = 1; i <= parts.Length; i++)
                        {
                            Namespaces.Add(string.Join(".", parts.Take(i)));
                        }
                    }

                    Words.UnionWith(Word.Matches(code).Cast<Match>().Select(w => w.Value));
                }

                // Scripts and build files: what Pester tests and the build name (# comment lines left out).
                IEnumerable<string> scripts = new[] { "tests", "tools", "bench" }
                    .SelectMany(d => Directory.EnumerateFiles(Path.Combine(SourceTree.Root, d), "*.ps*1", SearchOption.AllDirectories))
                    .Concat(new[] { Path.Combine(SourceTree.Root, "build.ps1") });
                foreach (string line in scripts.SelectMany(File.ReadLines).Where(l => !l.TrimStart().StartsWith("#", StringComparison.Ordinal)))
                {
                    Words.UnionWith(Word.Matches(line).Cast<Match>().Select(w => w.Value));
                }
            }

            public Dictionary<string, List<string>> TypeFiles { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

            public HashSet<string> Namespaces { get; } = new HashSet<string>(StringComparer.Ordinal);

            public HashSet<string> Words { get; } = new HashSet<string>(StringComparer.Ordinal);
        }
    }
}
