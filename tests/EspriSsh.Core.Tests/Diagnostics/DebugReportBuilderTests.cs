using System.IO;
using System.Linq;
using System;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Diagnostics
{
    public class DebugReportBuilderTests
    {
        /// <summary>A machine with no ssh anywhere.</summary>
        private sealed class NoSshEnvironment : IToolEnvironment
        {
            public bool IsWindows => false;

            public string GetEnvironmentVariable(string name) => name == "PATH" ? "/nonexistent-espri" : null;

            public bool FileExists(string path) => false;
        }

        [Fact]
        public void WithoutSshTheReportIsStillMadeAndSaysSo()
        {
            using var dir = new TempDirectory();
            var request = new DebugReportRequest(SiteProfileLoader.Default) { SshDirectory = dir.Path, ToolEnvironment = new NoSshEnvironment(), Login = "jdupont" };

            DebugReport report = DebugReportBuilder.Build(request);

            Finding missing = Assert.Single(report.Findings, f => f.Code == "SshNotFound");
            Assert.Equal(FindingSeverity.Error, missing.Severity);
            Assert.False(report.Succeeded);
            Assert.Contains("No ssh program was found", report.Text);
            Assert.Contains("jdupont", report.Text);
            Assert.StartsWith("SSH debug information for support", report.Text);
            Assert.True(report.Text.IndexOf("FINDINGS", StringComparison.Ordinal) < report.Text.IndexOf("1. Computer and session", StringComparison.Ordinal));
        }

        [Fact]
        public void AnSshFolderOfThousandsOfFilesIsListedBounded()
        {
            using var dir = new TempDirectory();
            for (int i = 0; i < 3000; i++)
            {
                File.WriteAllText(dir.File("junk" + i.ToString("D4")), "junk\n");
                Directory.CreateDirectory(dir.File("sub" + i.ToString("D4")));
            }

            var request = new DebugReportRequest(SiteProfileLoader.Default) { SshDirectory = dir.Path, ToolEnvironment = new NoSshEnvironment() };
            string text = DebugReportBuilder.Build(request).Text;

            Assert.Contains("junk0199 ", text);
            Assert.DoesNotContain("junk0200 ", text);
            Assert.Contains("(and 2800 more files, not listed; their private keys are still checked)", text);
            Assert.Contains("(and 2800 more)", text);
            Assert.True(text.Length < 100_000, $"{text.Length} characters");
        }

        [Fact]
        public void AnExistingReportIsKeptUnlessForcedAndThenBackedUp()
        {
            using var dir = new TempDirectory();
            string path = dir.File("ssh-debug4support.txt");
            File.WriteAllText(path, "old report");
            var request = new DebugReportRequest(SiteProfileLoader.Default) { SshDirectory = dir.Path, ToolEnvironment = new NoSshEnvironment() };
            DebugReport report = DebugReportBuilder.Build(request);

            var refused = Assert.Throws<EspriException>(() => DebugReportBuilder.Write(report, path, force: false));
            Assert.Equal(ErrorIds.FileExists, refused.ErrorId);
            Assert.Equal("old report", File.ReadAllText(path));

            DebugReportBuilder.Write(report, path, force: true);
            Assert.Equal(path + ".bak", report.Backup);
            Assert.Equal("old report", File.ReadAllText(path + ".bak"));
            Assert.Equal(report.Text, File.ReadAllText(path));
            Assert.Equal(Path.GetFullPath(path), report.Path);
        }

        /// <summary>
        /// Settings few configs have, written whole as ssh uses them (ReportOverCorpusTests meets them in
        /// the corpus; the net472 run sweeps only part of it): no known_hosts file at all, a HostKeyAlias.
        /// </summary>
        [RequiresToolsFact("ssh")]
        public void NoKnownHostsFileAndAHostKeyAliasAreReportedAsSshUsesThem()
        {
            using var dir = new TempDirectory();
            string config = dir.File("config");
            File.WriteAllText(config, "Host box\n  HostName 127.0.0.1\n  UserKnownHostsFile none\n  HostKeyAlias Box-Alias\n");
            Config.SshGRun ssh = Config.SshGRun.Settings(config, "box", dir.Path);
            Assert.Equal("none", ssh["userknownhostsfile"]);
            Assert.Equal("box-alias", ssh["hostkeyalias"]);
            var request = new DebugReportRequest(SiteProfileLoader.Default)
            {
                HostName = "box", ConfigPath = config, SshDirectory = dir.Path, NoConnectionTest = true,
                ToolEnvironment = new FakeToolEnvironment { ["PATH"] = Path.GetDirectoryName(Config.SshGRun.SshPath) },
            };

            string text = DebugReportBuilder.Build(request).Text;

            Assert.Contains($"UserKnownHostsFile: none   ({config} line 3)", text);
            Assert.Contains($"HostKeyAlias: box-alias   ({config} line 4)", text);
            Assert.Contains("Host: box-alias (HostKeyAlias of 127.0.0.1)", text);
            Assert.Contains("Files: none (UserKnownHostsFile none: ssh records no host key for this host and cannot accept a new one)", text);
            Assert.Contains("No entry, and nowhere to record one: ssh will refuse to connect", text);
        }

        [Fact]
        public void AMissingSshDirectoryIsAFindingNotACrash()
        {
            using var dir = new TempDirectory();
            var request = new DebugReportRequest(SiteProfileLoader.Default) { SshDirectory = dir.File("no-such-dir"), ToolEnvironment = new NoSshEnvironment() };

            DebugReport report = DebugReportBuilder.Build(request);

            Assert.Contains(report.Findings, f => f.Code == "SshDirectoryMissing");
        }
    }
}
