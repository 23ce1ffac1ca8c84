using System;
using System.Linq;
using System.Security.Cryptography;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Display;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Agent;

namespace EspriSsh.Core.Tests.Diagnostics
{
    /// <summary>
    /// Issue 26 item 3: an agent answers with a key comment or key type holding CR LF and terminal
    /// sequences. The report lists what it holds, and what the real ssh-add -l prints of it, with no
    /// line of its own for the text after the break and no raw control character.
    /// </summary>
    public sealed class HostileAgentReportTests
    {
        private const string Forged = "[ERROR] FORGED";

        [UnixFact("ssh-add")]
        public void ACommentWithALineBreakStaysOnItsKeysLineInOurListingAndSshAdds()
        {
            string text = ReportWithAgentHolding(Ed25519Blob("ssh-ed25519"), "in-agent\r\n" + Forged + "\u001b[2J\u001b]0;pwned\u0007");

            Assert.DoesNotContain(Lines(text), l => l.TrimStart().StartsWith(Forged, StringComparison.Ordinal));
            Assert.All(Lines(text), l => Assert.True(UntrustedText.IsSafe(l), l));
            // Once as we list it, once on ssh-add's own line.
            Assert.Equal(2, Lines(text).Count(l => l.Contains("in-agent\\r\\n" + Forged + "\\x1b[2J\\x1b]0;pwned\\x07")));
        }

        [UnixFact]
        public void AKeyTypeWithALineBreakIsShownEscaped()
        {
            string text = ReportWithAgentHolding(Ed25519Blob("ssh-ed25519\n" + Forged + "\u001b[2J"), "comment");

            Assert.DoesNotContain(Lines(text), l => l.TrimStart().StartsWith(Forged, StringComparison.Ordinal));
            Assert.All(Lines(text), l => Assert.True(UntrustedText.IsSafe(l), l));
            Assert.Contains(Lines(text), l => l.Contains("ssh-ed25519\\n" + Forged + "\\x1b[2J"));
        }

        private static string[] Lines(string text) => text.Split('\n');

        private static byte[] Ed25519Blob(string type)
        {
            byte[] point = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(point);
            }

            return new SshWireWriter().WriteString(type).WriteString(point).ToArray();
        }

        /// <summary>The report's text with SSH_AUTH_SOCK naming an agent that answers every request with this one key.</summary>
        private static string ReportWithAgentHolding(byte[] blob, string comment)
        {
            using var dir = new TempDirectory();
            byte[] body = new SshWireWriter().WriteRaw(new byte[] { 12 }).WriteUInt32(1).WriteString(blob).WriteString(comment).ToArray();
            byte[] answer = new SshWireWriter().WriteString(body).ToArray(); // uint32 length, then the body
            using var agent = AgentClientTests.SilentServer(dir.File("agent.sock"), s => s.Send(answer));
            var environment = new FakeToolEnvironment { ["PATH"] = Environment.GetEnvironmentVariable("PATH"), ["SSH_AUTH_SOCK"] = dir.File("agent.sock") };
            var request = new DebugReportRequest(SiteProfileLoader.Default) { SshDirectory = dir.File("ssh"), ToolEnvironment = environment, NoConnectionTest = true, Login = "jdupont" };

            string text = DebugReportBuilder.Build(request).Text;

            Assert.Contains("Agent: reachable", text);
            return text;
        }
    }
}
