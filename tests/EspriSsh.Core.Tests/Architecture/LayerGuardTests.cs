using System.Linq;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// The layer guards of <see cref="LayerTests"/> fed planted violations, each of which must be
    /// rejected, and their clean counterparts, which must pass: a guard that rejects nothing (or
    /// everything) fails here.
    /// </summary>
    public partial class LayerGuardTests
    {
        [Theory]
        [InlineData("Workflows", "namespace EspriSsh.Core.Keys\n{\n    internal class Hidden { }\n}\n", "declares namespace EspriSsh.Core.Keys")]
        [InlineData("Keys/Formats", "namespace EspriSsh.Core.Keys;\ninternal class Flat { }\n", "declares namespace EspriSsh.Core.Keys")]
        [InlineData("Keys", "namespace EspriSsh.Core.Keys { }\nnamespace EspriSsh.Core.Workflows { }\n", "declares namespace EspriSsh.Core.Keys, EspriSsh.Core.Workflows")]
        [InlineData("Keys", "internal class NoNamespace { }\n", "declares namespace (none)")]
        [InlineData("Keys", "global using EspriSsh.Core.Workflows;\nnamespace EspriSsh.Core.Keys { }\n", "a global using")]
        [InlineData("Keys", "global using static EspriSsh.Core.Workflows.Setup.SetupWorkflow;\nnamespace EspriSsh.Core.Keys { }\n", "a global using")]
        [InlineData("Keys", "using Core = EspriSsh.Core;\nnamespace EspriSsh.Core.Keys\n{\n    class A { object x = new Core.Workflows.NewKeyWorkflow(); }\n}\n", "an alias of a core namespace")]
        [InlineData("Keys", "namespace EspriSsh.Core.Keys\n{\n    using Setup = Workflows.Setup.SetupWorkflow;\n}\n", "an alias of a core namespace")]
        [InlineData("Keys", "using W = global::EspriSsh.Core.Workflows;\nnamespace EspriSsh.Core.Keys { }\n", "an alias of a core namespace")]
        public void APlantedSourceIsRejected(string folder, string source, string expected)
        {
            Assert.Contains(SourceRules.ViolationsOf(folder, source), v => v.Contains(expected));
        }

        [Theory]
        [InlineData("Keys/Formats", "using System;\nusing EspriSsh.Core.Errors;\nusing Bytes = System.Byte;\n\nnamespace EspriSsh.Core.Keys.Formats\n{\n    using var_ = System.Text.Encoding;\n}\n")]
        [InlineData("Workflows/Setup", "using EspriSsh.Core.Keys;\n\nnamespace EspriSsh.Core.Workflows.Setup;\n\ninternal sealed class Step { }\n")]
        public void ACleanSourcePasses(string folder, string source)
        {
            Assert.Empty(SourceRules.ViolationsOf(folder, source));
        }

        [Fact]
        public void APlantedUsingItemInAProjectIsRejected()
        {
            const string Project = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Using Include=\"EspriSsh.Core.Workflows\" />\n    <PackageReference Include=\"SSH.NET\" />\n  </ItemGroup>\n</Project>\n";

            Assert.Equal(new[] { "'<Using Include=\"EspriSsh.Core.Workflows\" />': a <Using> item is a global using of every file the project compiles" },
                SourceRules.ViolationsOfBuildFile(Project).ToArray());
            Assert.Empty(SourceRules.ViolationsOfBuildFile(Project.Replace("<Using Include=\"EspriSsh.Core.Workflows\" />\n", "")));
        }

        [Fact]
        public void TheLayerRuleRejectsUpwardNoLayerAndLaunderingReferencesOnly()
        {
            Assert.Equal(
                new[]
                {
                    "Elsewhere.Relay (outside the layers) uses EspriSsh.Core.Workflows.NewKeyWorkflow (Workflows)",
                    "EspriSsh.Core.Keys.KeyFile (Keys) uses EspriSsh.Core.Workflows.Setup.SetupWorkflow (Workflows)",
                    "EspriSsh.Core.Keys.KeyFile uses EspriSsh.Core.Misc.Helper: EspriSsh.Core.Misc.Helper is in no layer's namespace",
                },
                LayerTests.Violations(new[]
                {
                    ("EspriSsh.Core.Keys.KeyFile", "EspriSsh.Core.Workflows.Setup.SetupWorkflow"),
                    ("EspriSsh.Core.Keys.KeyFile", "EspriSsh.Core.Misc.Helper"),
                    ("Elsewhere.Relay", "EspriSsh.Core.Workflows.NewKeyWorkflow"),
                    ("EspriSsh.Core.Workflows.Setup.SetupWorkflow", "EspriSsh.Core.Keys.KeyFile"),
                    ("EspriSsh.Core.Keys.Formats.PpkFile", "EspriSsh.Core.Keys.KeyFileErrors"),
                    ("EspriSsh.Core.Keys.KeyFile", "<PrivateImplementationDetails>"),
                }));
        }
    }
}
