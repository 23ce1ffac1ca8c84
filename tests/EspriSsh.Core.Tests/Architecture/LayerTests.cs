using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// The core's folders are layers (docs/ARCHITECTURE.md): a folder may use only the folders before
    /// it in <see cref="Layers"/>, so no cycle can form. Checked on the compiled core (every type and
    /// member reference, <see cref="AssemblyReferences"/>), where no way of writing a name can hide it;
    /// the namespace of a type is its layer because every file's namespace is its folder (Keys/Formats
    /// counts as Keys). LayerGuardTests shows each rule rejecting a planted violation.
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
        public void EveryCoreFileDeclaresItsFolderAsNamespaceAndNoUsingHidesALayer()
        {
            var broken = SourceTree.CSharpFiles(SourceTree.Core)
                .SelectMany(file => SourceRules.ViolationsOf(FolderOf(file), SourceTree.Code(file)).Select(v => $"{SourceTree.Relative(file)}: {v}"))
                .ToList();

            Assert.True(broken.Count == 0, "Core files whose layer cannot be read from their place:\n" + string.Join("\n", broken));
        }

        [Fact]
        public void NothingThatBuildsTheCoreAddsAGlobalUsing()
        {
            string[] buildFiles = new[] { SourceTree.Root, SourceTree.Src, SourceTree.Core }
                .SelectMany(dir => new[] { "Directory.Build.props", "Directory.Build.targets" }.Select(name => Path.Combine(dir, name)))
                .Concat(Directory.GetFiles(SourceTree.Core, "*.csproj"))
                .Where(File.Exists)
                .ToArray();
            Assert.Contains(buildFiles, f => f.EndsWith("EspriSsh.Core.csproj", StringComparison.Ordinal));

            var broken = buildFiles.SelectMany(f => SourceRules.ViolationsOfBuildFile(File.ReadAllText(f)).Select(v => $"{SourceTree.Relative(f)}: {v}")).ToList();
            Assert.True(broken.Count == 0, string.Join("\n", broken));
        }

#if NET
        /// <summary>Both builds of the core (their #if NET code differs), as compiled.</summary>
        [Theory]
        [InlineData("net8.0")]
        [InlineData("netstandard2.0")]
        public void NoCoreTypeRefersToALaterLayer(string targetFramework)
        {
            string configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(LayerTests).Assembly.Location)));
            string dll = Path.Combine(SourceTree.Core, "bin", configuration, targetFramework, "EspriSsh.Core.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first (build.ps1 Build).");

            byte[] image = File.ReadAllBytes(dll);
            IReadOnlyCollection<(string From, string To)> references = AssemblyReferences.Of(image);
            Assert.Contains(("EspriSsh.Core.Workflows.Setup.SetupWorkflow", "EspriSsh.Core.Site.SiteProfile"), references); // the references were read
            List<string> upward = Violations(references);

            Assert.True(upward.Count == 0, "Upward dependencies (move the code down, or the shared piece to a lower folder):\n" + string.Join("\n", upward));
        }
#endif

        /// <summary>
        /// The references that break the layering: a core type using a type of a later layer, a type in
        /// an EspriSsh.Core namespace that is no layer, or a type outside the layers (only compiler-made
        /// ones exist) using a layer's type, which would let it pass references along.
        /// </summary>
        internal static List<string> Violations(IEnumerable<(string From, string To)> references) =>
            references
                .Select(r => (r.From, r.To, FromLayer: LayerOf(r.From), ToLayer: LayerOf(r.To)))
                .Where(r => r.FromLayer == NotALayer || r.ToLayer == NotALayer || (r.ToLayer != OutsideTheLayers && r.ToLayer > r.FromLayer))
                .Select(r => r.FromLayer == NotALayer || r.ToLayer == NotALayer
                    ? $"{r.From} uses {r.To}: {(r.FromLayer == NotALayer ? r.From : r.To)} is in no layer's namespace"
                    : $"{r.From} ({Describe(r.FromLayer)}) uses {r.To} ({Layers[r.ToLayer]})")
                .OrderBy(v => v, StringComparer.Ordinal)
                .ToList();

        private const int OutsideTheLayers = -1;
        private const int NotALayer = -2;

        private static int LayerOf(string typeName)
        {
            const string Core = "EspriSsh.Core.";
            if (!typeName.StartsWith(Core, StringComparison.Ordinal))
            {
                return OutsideTheLayers;
            }

            string[] parts = typeName.Substring(Core.Length).Split('.');
            int index = parts.Length > 1 ? Array.IndexOf(Layers, parts[0]) : -1;
            return index >= 0 ? index : NotALayer;
        }

        private static string Describe(int layer) => layer == OutsideTheLayers ? "outside the layers" : Layers[layer];

        private static string FolderOf(string file) =>
            Path.GetDirectoryName(file).Substring(SourceTree.Core.Length).TrimStart('/', '\\').Replace('\\', '/');

        [Fact]
        public void NoCoreFileIsOverTheSizeLimit() =>
            AssertNoneLonger(SourceTree.CSharpFiles(SourceTree.Core), MaxCoreFileLines, "split it: one concept per file");

        [Fact]
        public void NoCmdletIsOverTheSizeLimit() =>
            AssertNoneLonger(SourceTree.CSharpFiles(Path.Combine(SourceTree.Src, "EspriSsh")).Where(f => f.EndsWith("Command.cs", StringComparison.Ordinal)),
                MaxCommandFileLines, "a cmdlet binds, makes one core call and writes the result: move the rest to a core workflow");

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
