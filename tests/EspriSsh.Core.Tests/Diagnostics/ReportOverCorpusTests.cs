using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Diagnostics;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Config;
using Xunit.Abstractions;

namespace EspriSsh.Core.Tests.Diagnostics
{
    /// <summary>
    /// Get-EspriDebugReport's engine over every config of the corpus that ssh accepts, for the hosts
    /// it names: a report is written every time, with the config and known_hosts sections whole
    /// (/dev/null, none, links and aliases included). HOME is the corpus sandbox (ssh's Include globs
    /// stay in it) and PATH holds nothing (a Match exec of the corpus runs no real program).
    /// </summary>
    [Collection(ProcessStateCollection.Name)]
    public class ReportOverCorpusTests
    {
        private readonly ITestOutputHelper output;

        public ReportOverCorpusTests(ITestOutputHelper output) => this.output = output;

        [RequiresToolsFact("ssh")]
        public void AReportIsWrittenForEveryHostOfEveryConfigSshAccepts()
        {
            string savedHome = Environment.GetEnvironmentVariable("HOME");
            string savedPath = Environment.GetEnvironmentVariable("PATH");
            string sshFolder = Path.GetDirectoryName(SshGRun.SshPath)!;
            var sample = new SweepSample();
            int reports = 0;
            var problems = new List<string>();
            try
            {
                foreach (string corpusCase in SshConfigCorpus.Cases())
                {
                    using var sandbox = new TempDirectory();
                    string home = Path.Combine(sandbox.Path, Path.GetFileName(corpusCase));
                    IReadOnlyList<string> configs = SshConfigCorpus.Install(corpusCase, home);
                    Directory.CreateDirectory(Path.Combine(home, ".ssh"));
                    Environment.SetEnvironmentVariable("HOME", home);
                    Environment.SetEnvironmentVariable("PATH", Path.Combine(home, "no-programs-here"));
                    var environment = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = Path.Combine(home, "no-programs-here") };
                    foreach (string config in configs)
                    {
                        foreach (string host in SshConfigCorpus.HostsFor(config, home).Take(2).Concat(new[] { "spirit1" }).Distinct().Where(_ => sample.Keep()))
                        {
                            if (!SshGRun.Run(config, host, environment).Accepted)
                            {
                                continue;
                            }

                            var request = new DebugReportRequest(SiteProfileLoader.Default)
                            {
                                HostName = host, ConfigPath = config, SshDirectory = Path.Combine(home, ".ssh"), NoConnectionTest = true,
                                ToolEnvironment = new FakeToolEnvironment { ["PATH"] = sshFolder },
                            };
                            string where = $"{Path.GetFileName(corpusCase)}/{Path.GetFileName(config)} [{host}]";
                            try
                            {
                                DebugReport report = DebugReportBuilder.Build(request);
                                reports++;
                                if (!report.Text.Contains("known_hosts entries for") || !report.Text.Contains("Files read")
                                    || report.Findings.Any(f => f.Code == "SectionFailed" || f.Code == "SshConfigRejected"))
                                {
                                    problems.Add(where + ": " + string.Join("; ", report.Findings.Select(f => f.Code + " " + f.Problem)));
                                }
                            }
                            catch (Exception ex)
                            {
                                problems.Add($"{where}: no report ({ex.GetType().Name}: {ex.Message})");
                            }
                        }
                    }
                }
            }
            finally
            {
                Environment.SetEnvironmentVariable("HOME", savedHome);
                Environment.SetEnvironmentVariable("PATH", savedPath);
            }

            output.WriteLine($"{sample}: {reports} reports written for configs ssh accepts");
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
            Assert.True(reports > sample.Scaled(200), $"only {reports} reports");
        }
    }
}
