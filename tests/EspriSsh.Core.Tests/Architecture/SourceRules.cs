using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// What keeps a core file's layer readable from its place: its namespace is its folder (the layer
    /// check of the compiled assembly goes by namespace, so a file in Workflows/ declaring
    /// EspriSsh.Core.Keys would pass as Keys), and no using can make a name mean another layer
    /// unseen: no global using, no alias of a core namespace or type, no &lt;Using&gt; item in what
    /// builds the core.
    /// </summary>
    internal static class SourceRules
    {
        private static readonly Regex NamespaceDeclaration = new Regex(@"(?m)^\s*namespace\s+([\w.]+)\s*(;|\{|$)");
        private static readonly Regex GlobalUsing = new Regex(@"(?m)^\s*global\s+using\b[^;]*;");
        private static readonly Regex Alias = new Regex(@"(?m)^\s*using\s+\w+\s*=([^;]*);");
        private static readonly Regex UsingItem = new Regex(@"<Using\b[^>]*>");

        /// <summary>The rules a core source file breaks: <paramref name="folder"/> is its folder under the core, '/'-separated ("Keys/Formats").</summary>
        public static IEnumerable<string> ViolationsOf(string folder, string code)
        {
            string expected = "EspriSsh.Core." + folder.Replace('/', '.');
            string[] declared = NamespaceDeclaration.Matches(code).Cast<Match>().Select(m => m.Groups[1].Value).ToArray();
            if (declared.Length != 1 || declared[0] != expected)
            {
                yield return $"declares namespace {(declared.Length == 0 ? "(none)" : string.Join(", ", declared))}; a file in {folder}/ declares exactly {expected}";
            }

            foreach (Match m in GlobalUsing.Matches(code))
            {
                yield return $"'{m.Value.Trim()}': a global using makes names of another layer appear in every file";
            }

            // Inside a namespace an alias's target may be relative (Workflows.Setup.X from EspriSsh.Core.Keys):
            // any target naming EspriSsh or a layer counts.
            foreach (Match m in Alias.Matches(code).Cast<Match>().Where(a => Regex.Matches(a.Groups[1].Value, @"\w+").Cast<Match>()
                .Any(word => word.Value == "EspriSsh" || LayerTests.Layers.Contains(word.Value))))
            {
                yield return $"'{m.Value.Trim()}': an alias of a core namespace or type hides which layer a name belongs to; write a using of the namespace";
            }
        }

        /// <summary>The &lt;Using&gt; items of a project or Directory.Build file: global usings the compiler adds to every file.</summary>
        public static IEnumerable<string> ViolationsOfBuildFile(string xml) =>
            UsingItem.Matches(xml).Cast<Match>().Select(m => $"'{m.Value}': a <Using> item is a global using of every file the project compiles");
    }
}
