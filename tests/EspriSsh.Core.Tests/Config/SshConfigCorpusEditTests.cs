using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;
using Xunit.Abstractions;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>
    /// Set-EspriSshConfig's engine over every config of the corpus, with the real ssh as the judge:
    /// a config ssh refuses is refused with ssh's own reason and line, and nothing is written; a
    /// config ssh accepts is still accepted after the edit (for both aliases), ssh then uses the
    /// site's values except where a line of the user's is named as overriding them (every value ssh
    /// uses for spirit1 or jean-zay that is not the site's is named: no silent override), and a
    /// second run changes nothing.
    /// </summary>
    public class SshConfigCorpusEditTests
    {
        private readonly ITestOutputHelper output;

        public SshConfigCorpusEditTests(ITestOutputHelper output) => this.output = output;

        [RequiresToolsFact("ssh")]
        public void RefusedConfigsAreRefusedAndAcceptedOnesStayAccepted()
        {
            var sample = new SweepSample();
            int edited = 0, refused = 0, withOverrides = 0;
            var problems = new List<string>();
            foreach (string corpusCase in SshConfigCorpus.Cases())
            {
                using var sandbox = new TempDirectory();
                string home = Path.Combine(sandbox.Path, Path.GetFileName(corpusCase));
                var environment = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = Path.Combine(home, "no-programs-here"), ["SHELL"] = "/bin/sh" };
                var (passwordHome, user) = SshGRun.PasswordEntry(environment);
                var options = new SshResolveOptions { Home = passwordHome, IncludeHome = home, LocalUser = user, ExecEnvironment = environment.ToDictionary(e => e.Key, e => (string)e.Value) };
                var judge = new SshConfigJudge(new SshToolLocator().Find("ssh"), environment.ToDictionary(e => e.Key, e => (string)e.Value));
                var editor = new SshConfigEditor(SiteProfileLoader.Default, judge: judge);
                foreach (string config in SshConfigCorpus.Install(corpusCase, home).Where(_ => sample.Keep()))
                {
                    string where = Path.GetFileName(corpusCase) + "/" + Path.GetFileName(config);
                    byte[] before = File.ReadAllBytes(config);
                    var request = new SshConfigRequest { User = "alice", JeanZayUser = "ujz01" };
                    SshGRun reference = SshGRun.Run(config, "spirit1", environment);
                    SshConfigEditPlan plan = editor.Plan(config, request, options);
                    bool bom = before.Length >= 3 && before[0] == 0xEF && before[1] == 0xBB && before[2] == 0xBF;
                    if (!reference.Accepted && !bom)
                    {
                        refused++;
                        Check(problems, where, plan.Refusal != null, "ssh refuses it, the plan does not");
                        Check(problems, where, plan.Refusal?.Reason != null && plan.Refusal.Reason.Split(new[] { "; " }, StringSplitOptions.None).All(reference.Error.Contains),
                            $"reason '{plan.Refusal?.Reason}' is not ssh's: {reference.Error}");
                        Check(problems, where, reference.FirstLocation == null || plan.Refusal?.Location?.Line == reference.FirstLocation.Value.Line, $"line {plan.Refusal?.Location} is not ssh's {reference.FirstLocation}");
                        var error = Record.Exception(() => SshConfigWriter.Apply(plan)) as EspriException;
                        Check(problems, where, error?.ErrorId == ErrorIds.ConfigInvalid, "applying the refused plan did not fail with ConfigInvalid");
                        Check(problems, where, File.ReadAllBytes(config).SequenceEqual(before), "the refused file was changed");
                        continue;
                    }

                    edited++;
                    Check(problems, where, plan.Refusal == null, "the edit of a file ssh accepts was refused: " + plan.Refusal?.Describe());
                    if (plan.Refusal != null)
                    {
                        continue;
                    }

                    File.WriteAllBytes(config, plan.NewBytes);
                    SshGRun spirit = SshGRun.Run(config, "spirit1", environment);
                    SshGRun jz = SshGRun.Run(config, "jean-zay", environment);
                    Check(problems, where, spirit.Accepted && jz.Accepted, "ssh refuses the edited file: " + spirit.Error + jz.Error);
                    withOverrides += plan.Satisfied ? 0 : 1;
                    foreach (var (host, setting, used) in SiteValuesSshDoesNotUse(spirit, jz))
                    {
                        bool named = plan.Overrides.Any(o => o.Host == host && o.Setting == setting)
                            || (host == "jean-zay" && (setting == "ProxyJump" || setting == "ProxyCommand") && plan.KeptRoute != null);
                        Check(problems, where, named && !plan.Satisfied, $"silent override: ssh uses {setting} {used} for {host}, and no line is named");
                    }

                    foreach (ConfigOverride o in plan.Overrides)
                    {
                        Check(problems, where, o.Line.Length > 0 && (o.Host == "spirit1" ? spirit : jz)[o.Setting.ToLowerInvariant()] is string v && v.StartsWith(o.Value.Split(' ')[0], StringComparison.Ordinal),
                            $"override {o} does not match what ssh uses");
                    }

                    Check(problems, where, !editor.Plan(config, request, options).Changed, "a second run changes the file again");
                }
            }

            output.WriteLine($"{sample}: {edited} configs edited, {refused} refused and left alone, {withOverrides} with lines that override site values");
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
            Assert.True(edited > sample.Scaled(100) && refused > sample.Scaled(15), $"{edited} edited, {refused} refused");
        }

        /// <summary>Each value the site needs for spirit1 and jean-zay that the real ssh does not use: (alias, setting, what ssh uses).</summary>
        private static IEnumerable<(string Host, string Setting, string Used)> SiteValuesSshDoesNotUse(SshGRun spirit, SshGRun jz)
        {
            foreach (var (host, ssh, hostName, user, jump) in new[] { ("spirit1", spirit, "spirit1.ipsl.fr", "alice", null), ("jean-zay", jz, "jean-zay.idris.fr", "ujz01", "spirit1") })
            {
                var wanted = new[]
                {
                    ("HostName", "hostname", hostName), ("User", "user", user), ("Port", "port", "22"),
                    ("IdentitiesOnly", "identitiesonly", "yes"), ("ProxyJump", "proxyjump", jump), ("ProxyCommand", "proxycommand", null),
                };
                foreach (var (setting, key, value) in wanted)
                {
                    if (ssh[key] != value)
                    {
                        yield return (host, setting, ssh[key] ?? "none");
                    }
                }

                string firstKey = ssh.All("identityfile").FirstOrDefault();
                if (firstKey != "~/.ssh/id_ed25519")
                {
                    yield return (host, "IdentityFile", firstKey ?? "none");
                }
            }
        }

        private static void Check(List<string> problems, string where, bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(where + ": " + problem);
            }
        }
    }
}
