using System.Linq;
using System.Text.RegularExpressions;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>Host names and aliases are data of the site profile, never code.</summary>
    public class SiteDataTests
    {
        [Fact]
        public void NoSiteHostAliasOrNameIsAStringLiteralInSrc()
        {
            // Whole names only: "hal" is a site alias, "shall" is English.
            Regex[] siteNames = SiteProfileLoader.Default.Hosts
                .SelectMany(h => new[] { h.Alias, h.HostName })
                .Select(name => new Regex(@"(?<![A-Za-z0-9.-])" + Regex.Escape(name) + @"(?![A-Za-z0-9-])"))
                .ToArray();

            var offending = SourceTree.CSharpFiles(SourceTree.Src)
                .SelectMany(file => SourceTree.StringLiterals(file)
                    .Where(literal => siteNames.Any(name => name.IsMatch(literal)))
                    .Select(literal => SourceTree.Relative(file) + ": " + literal))
                .ToList();

            Assert.True(offending.Count == 0, "Site names in code (move them to the site profile):\n" + string.Join("\n", offending));
        }
    }
}
