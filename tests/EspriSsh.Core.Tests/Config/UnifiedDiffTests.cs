using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Tests.Config
{
    public class UnifiedDiffTests
    {
        /// <summary>
        /// patch(1) turns the old file into the new one with our diff, and the diff is as small as
        /// diff -u's (both are minimal; where several alignments are equally short they may differ).
        /// </summary>
        [RequiresToolsFact("diff", "patch")]
        public void PatchAppliesItAndItIsAsSmallAsDiffU()
        {
            using var dir = new TempDirectory();
            var random = new Random(7);
            string[] pool = { "Host a", "  User x", "", "# c", "Host b", "  Port 22", "Host *", "  ForwardAgent no" };
            for (int n = 0; n < 60; n++)
            {
                List<string> a = Enumerable.Range(0, random.Next(0, 25)).Select(_ => pool[random.Next(pool.Length)]).ToList();
                List<string> b = Mutate(a, random);
                File.WriteAllLines(dir.File("a"), a);
                File.WriteAllLines(dir.File("b"), b);
                string ours = UnifiedDiff.Create(a, b, "a", "b");
                string theirs = ExternalTool.Run("diff", "-U3", dir.File("a"), dir.File("b")).Output;
                Assert.Equal(ChangedLines(theirs), ChangedLines(ours));
                File.WriteAllText(dir.File("d"), ours);
                File.Copy(dir.File("a"), dir.File("p"), overwrite: true);
                ExternalTool.Check("patch", "-s", dir.File("p"), dir.File("d"));
                Assert.Equal(File.ReadAllText(dir.File("b")), File.ReadAllText(dir.File("p")));
            }
        }

        private static int ChangedLines(string diff) =>
            diff.Split('\n').Skip(2).Count(l => l.StartsWith("+", StringComparison.Ordinal) || l.StartsWith("-", StringComparison.Ordinal));

        [Fact]
        public void EqualListsGiveNoDiff() => Assert.Equal("", UnifiedDiff.Create(new[] { "x" }, new[] { "x" }, "a", "b"));

        private static List<string> Mutate(List<string> a, Random random)
        {
            var b = a.ToList();
            int edits = random.Next(1, 5);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(b.Count + 1);
                switch (random.Next(3))
                {
                    case 0: b.Insert(at, "Host new" + e); break;
                    case 1: if (at < b.Count) { b.RemoveAt(at); } break;
                    default: if (at < b.Count) { b[at] = "  User changed" + e; } break;
                }
            }

            return b;
        }
    }
}
