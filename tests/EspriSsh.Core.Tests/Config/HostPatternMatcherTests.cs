using System.IO;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>Host patterns as ssh matches them (ssh -G is the reference), at a cost the algorithm bounds.</summary>
    public class HostPatternMatcherTests
    {
        [RequiresToolsTheory("ssh")]
        [InlineData("spirit*", "spirit1")]
        [InlineData("spirit?", "spirit12")]
        [InlineData("*.ipsl.fr", "spirit1.ipsl.fr")]
        [InlineData("*.ipsl.fr", "ipsl.fr")]
        [InlineData("*1*2*", "a1b2c")]
        [InlineData("*1*2*", "a2b1c")]
        [InlineData("s*t*1", "spirit1")]
        [InlineData("s*t*1", "spirit12")]
        [InlineData("**x", "abx")]
        [InlineData("?*?", "a")]
        [InlineData("?*?", "ab")]
        [InlineData("a*a*a*b", "aaaaaaab")]
        [InlineData("a*a*a*b", "aaaaaaa")]
        [InlineData("Spirit1", "spirit1")]
        public void MatchesAsSshDoes(string pattern, string host)
        {
            using var dir = new TempDirectory();
            string config = dir.File("config");
            File.WriteAllText(config, $"Host {pattern}\n  User matched\n");
            bool sshMatches = SshGRun.Settings(config, host, dir.Path)["user"] == "matched";
            Assert.Equal(sshMatches, HostPatternMatcher.HostLineMatches(host, new[] { pattern }));
        }

        [Fact]
        public void APathologicalPatternCostsAtMostTextTimesPatternSteps()
        {
            // "*a*a*...*a*b" against "aaa...a": ssh's recursive match.c (and a naive backtracker) tries
            // exponentially many splits; the bound below is polynomial and the count is exact.
            string pattern = string.Concat(System.Linq.Enumerable.Repeat("*a", 40)) + "*b";
            string text = new string('a', 2000);
            Assert.False(HostPatternMatcher.Glob(text, pattern, out long steps));
            Assert.InRange(steps, text.Length, (long)(text.Length + pattern.Length + 1) * (pattern.Length + 1));
            Assert.True(HostPatternMatcher.Glob(text + "b", pattern, out _));
        }
    }
}
