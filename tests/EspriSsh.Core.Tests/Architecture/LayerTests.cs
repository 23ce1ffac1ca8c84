using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// The core's folders are layers (docs/ARCHITECTURE.md): a folder may use only the folders before
    /// it in <see cref="Layers"/>, so no cycle can form. A reference is a using of EspriSsh.Core.X, a
    /// name qualified with it, or X.Type for a type declared in folder X (Keys/Formats counts as Keys).
    /// </summary>
    public class LayerTests
    {
        /// <summary>Lowest first; the same list, with the reason for each, is in docs/ARCHITECTURE.md.</summary>
        public static readonly string[] Layers =
        {
            "Display", "Errors", "Interaction", "Platform", "Files", "Tools", "Site", "Crypto", "Keys", "Agent", "Config", "Connection", "Diagnostics", "Workflows",
        };

        private const int MaxCoreFileLines = 350;
        private const int MaxCommandFileLines = 120;

        private static readonly Regex Declaration = new Regex(@"\b(?:class|interface|enum|struct|delegate\s+[\w<>\[\],. ?]+?)\s+(\w+)");

        [Fact]
        public void EveryCoreFolderIsALayer()
        {
            string[] folders = Directory.GetDirectories(SourceTree.Core)
                .Select(Path.GetFileName)
                .Where(name => name != "bin" && name != "obj")
                .ToArray();

            Assert.Empty(folders.Except(Layers));
            Assert.Empty(Directory.GetFiles(SourceTree.Core, "*.cs")); // every file lives in a layer
        }

        [Fact]
        public void NoFolderUsesALaterOne()
        {
            Dictionary<string, HashSet<string>> typesByLayer = Layers.ToDictionary(
                layer => layer,
                layer => new HashSet<string>(FilesOf(layer).SelectMany(file => Declaration.Matches(SourceTree.Code(file)).Cast<Match>().Select(m => m.Groups[1].Value))));

            var upward = new List<string>();
            foreach (string layer in Layers)
            {
                foreach (string file in FilesOf(layer))
                {
                    string code = SourceTree.Code(file);
                    foreach (string used in Layers.Skip(Array.IndexOf(Layers, layer) + 1).Where(later => Uses(code, later, typesByLayer[later])))
                    {
                        upward.Add($"{SourceTree.Relative(file)} ({layer}) uses {used}");
                    }
                }
            }

            Assert.True(upward.Count == 0, "Upward dependencies (move the code down, or the shared piece to a lower folder):\n" + string.Join("\n", upward));
        }

        [Fact]
        public void NoCoreFileIsOverTheSizeLimit() =>
            AssertNoneLonger(SourceTree.CSharpFiles(SourceTree.Core), MaxCoreFileLines, "split it: one concept per file");

        [Fact]
        public void NoCmdletIsOverTheSizeLimit() =>
            AssertNoneLonger(SourceTree.CSharpFiles(Path.Combine(SourceTree.Src, "EspriSsh")).Where(f => f.EndsWith("Command.cs", StringComparison.Ordinal)),
                MaxCommandFileLines, "a cmdlet binds, makes one core call and writes the result: move the rest to a core workflow");

        private static IEnumerable<string> FilesOf(string layer)
        {
            string folder = Path.Combine(SourceTree.Core, layer);
            return Directory.Exists(folder) ? SourceTree.CSharpFiles(folder) : Enumerable.Empty<string>();
        }

        private static bool Uses(string code, string layer, HashSet<string> types) =>
            Regex.IsMatch(code, @"\bEspriSsh\.Core\." + layer + @"\b")
            || Regex.Matches(code, @"(?<![\w.])" + layer + @"\.(\w+)").Cast<Match>().Any(m => types.Contains(m.Groups[1].Value));

        private static void AssertNoneLonger(IEnumerable<string> files, int limit, string advice)
        {
            var tooLong = files
                .Select(file => (File: SourceTree.Relative(file), Lines: File.ReadAllLines(file).Length))
                .Where(x => x.Lines > limit)
                .Select(x => $"{x.File}: {x.Lines} lines")
                .ToList();
            Assert.True(tooLong.Count == 0, $"Over {limit} lines ({advice}):\n" + string.Join("\n", tooLong));
        }
    }
}
