using System;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Diagnostics
{
    public class ReportAnonymizerTests
    {
        [Fact]
        public void LoginHomeAndComputerNameBecomePlaceholders()
        {
            string home = HostPlatform.HomeDirectory;
            var anonymizer = ReportAnonymizer.For(new DebugReportRequest(SiteProfileLoader.Default) { Login = "jdupont" }, new[] { "jd-config" });
            string text = $"user jdupont\nidentityfile {home}/.ssh/id_ed25519\nhost {Environment.MachineName}\nuser jd-config\nJDUPONT@spirit1";

            string result = anonymizer.Apply(text);

            Assert.DoesNotContain("jdupont", result, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("jd-config", result);
            Assert.DoesNotContain(home, result);
            Assert.DoesNotContain(Environment.MachineName, result, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<HOME>/.ssh/id_ed25519", result);
            Assert.Contains("<LOGIN>@spirit1", result);
        }

        [Fact]
        public void AFingerprintThatHappensToContainTheLoginIsKept()
        {
            string fingerprint = "SHA256:" + "jdupont" + new string('A', 36);
            var anonymizer = ReportAnonymizer.For(new DebugReportRequest(SiteProfileLoader.Default) { Login = "jdupont" }, Array.Empty<string>());

            string result = anonymizer.Apply("jdupont offered " + fingerprint + " as jdupont");

            Assert.Equal("<LOGIN> offered " + fingerprint + " as <LOGIN>", result);
        }

        [Fact]
        public void AShortLoginIsReplacedAsAWholeWordOnly()
        {
            var anonymizer = ReportAnonymizer.For(new DebugReportRequest(SiteProfileLoader.Default) { Login = "al" }, Array.Empty<string>());

            string result = anonymizer.Apply("al@spirit1 normal algorithm");

            Assert.Equal("<LOGIN>@spirit1 normal algorithm", result);
        }
    }
}
