using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// What keeps CI honest: the files tests compare byte for byte are checked out unconverted on every
    /// OS (.gitattributes), and every CI job is bounded in time, reads the repository only, and keeps its
    /// test results when it fails.
    /// </summary>
    public class RepositoryTests
    {
        // Code and prose under tests/; everything else there is data a test reads (keys, certificates, tables, snapshots).
        private static readonly string[] NotData = { ".cs", ".ps1", ".psm1", ".md", ".csproj", ".sh", ".py" };

        [RequiresToolsFact("git")]
        public void TestDataIsCheckedOutAsCommitted()
        {
            string[] files = Git("ls-files", "--", "tests").Split('\n').Where(f => !NotData.Contains(Path.GetExtension(f))).ToArray();
            Assert.Contains("tests/EspriSsh.Core.Tests/Fixtures/id_dsa", files);
            Assert.Contains("tests/Snapshots/Parameters.txt", files);

            string[] converted = Attributes(files, "text").Where(a => a.Value != "unset").Select(a => a.Key).ToArray();

            Assert.True(converted.Length == 0, "git may convert the line ends of (mark them -text in .gitattributes):\n" + string.Join("\n", converted));
        }

        [RequiresToolsFact("git")]
        public void ShellScriptsKeepLfOnEveryOs()
        {
            string[] scripts = Git("ls-files").Split('\n').Where(f => f.EndsWith(".sh", StringComparison.Ordinal) || f == ".ci/run").ToArray();

            Assert.Contains(".ci/run", scripts);
            Assert.All(Attributes(scripts, "eol"), a => Assert.True(a.Value == "lf", a.Key + " has eol " + a.Value));
        }

        [Fact]
        public void EveryCiJobHasATimeoutReadOnlyRightsAndKeepsItsResults()
        {
            string[] workflows = Directory.GetFiles(Path.Combine(SourceTree.Root, ".github", "workflows"), "*.yml");
            Assert.NotEmpty(workflows);

            string[] problems = workflows.SelectMany(f => WorkflowProblems(File.ReadAllText(f)).Select(p => Path.GetFileName(f) + ": " + p)).ToArray();

            Assert.True(problems.Length == 0, string.Join("\n", problems));
        }

        [Fact]
        public void TheWorkflowCheckRejectsAJobWithoutTimeoutOrResultsAndWriteRights()
        {
            const string Planted = "name: ci\non: [push]\npermissions:\n  contents: write\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n";

            Assert.Equal(
                new[] { "no top-level 'permissions: contents: read'", "job build has no timeout-minutes", "job build does not upload its test results with if: always()" },
                WorkflowProblems(Planted));
        }

        /// <summary>A workflow read as text: top-level read-only permissions, and per job a timeout and an upload that runs even on failure.</summary>
        internal static List<string> WorkflowProblems(string yaml)
        {
            var problems = new List<string>();
            if (!Regex.IsMatch(yaml, @"(?m)^permissions:\s*\n\s+contents:\s*read\s*$"))
            {
                problems.Add("no top-level 'permissions: contents: read'");
            }

            string jobs = yaml.Substring(Math.Max(0, yaml.IndexOf("\njobs:", StringComparison.Ordinal)));
            foreach (Match job in Regex.Matches(jobs, @"(?ms)^  ([\w-]+):\s*\n(.*?)(?=^  [\w-]+:|\z)"))
            {
                string name = job.Groups[1].Value, body = job.Groups[2].Value;
                if (!Regex.IsMatch(body, @"(?m)^    timeout-minutes:\s*\d+"))
                {
                    problems.Add($"job {name} has no timeout-minutes");
                }

                if (!Regex.IsMatch(body, @"uses: actions/upload-artifact@\S+\s*\n\s+if: always\(\)"))
                {
                    problems.Add($"job {name} does not upload its test results with if: always()");
                }
            }

            return problems;
        }

        private static Dictionary<string, string> Attributes(string[] files, string attribute) =>
            Git(new[] { "check-attr", attribute, "--" }.Concat(files).ToArray())
                .Split('\n')
                .Select(line => line.Split(new[] { ": " }, StringSplitOptions.None))
                .Where(parts => parts.Length == 3)
                .ToDictionary(parts => parts[0], parts => parts[2].Trim());

        private static string Git(params string[] args) =>
            ExternalTool.Check("git", new[] { "-C", SourceTree.Root }.Concat(args).ToArray()).Replace("\r", "").Trim();
    }
}
