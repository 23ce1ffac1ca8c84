using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using Xunit.Abstractions;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>
    /// EspriSsh's own reading against the real `ssh -G` over every host of every file of the corpus
    /// (tests/SshConfigCorpus): the same verdict (ssh accepts or refuses), for a refusal the same line,
    /// and for an accepted file the same values of every setting EspriSsh uses. Both run in the same
    /// environment: a sandbox HOME, and a PATH with nothing on it, so that a corpus "Match exec" runs
    /// only shell built-ins (its other commands fail alike for both).
    /// </summary>
    public class SshConfigCorpusTests
    {
        private static readonly string[] Compared =
        {
            "hostname", "user", "port", "proxyjump", "proxycommand", "forwardagent", "identitiesonly", "forwardx11",
            "userknownhostsfile", "globalknownhostsfile", "hostkeyalias", "stricthostkeychecking",
        };

        private readonly ITestOutputHelper output;

        public SshConfigCorpusTests(ITestOutputHelper output) => this.output = output;

        [RequiresToolsFact("ssh")]
        public void OwnReadingEqualsSshOnEveryHostOfTheCorpus()
        {
            var sample = new SweepSample();
            int files = 0, hosts = 0, refusals = 0;
            var refusedFiles = new HashSet<string>();
            var differences = new List<string>();
            foreach (string corpusCase in SshConfigCorpus.Cases())
            {
                using var sandbox = new TempDirectory();
                string home = Path.Combine(sandbox.Path, Path.GetFileName(corpusCase));
                Dictionary<string, string> environment = Environment(home);
                var (passwordHome, user) = SshGRun.PasswordEntry(environment);
                var options = new SshResolveOptions
                {
                    Home = passwordHome, IncludeHome = home, LocalUser = user,
                    Environment = name => environment.TryGetValue(name, out string value) ? value : null,
                    ExecEnvironment = environment.ToDictionary(kv => kv.Key, kv => (string)kv.Value),
                };
                foreach (string config in SshConfigCorpus.Install(corpusCase, home))
                {
                    files++;
                    SshConfigDocument document = SshConfigDocument.Load(config)!;
                    foreach (string host in SshConfigCorpus.HostsFor(config, home).Where(_ => sample.Keep()))
                    {
                        hosts++;
                        SshGRun ssh = SshGRun.Run(config, host, environment);
                        SshConfigReading ours = SshConfigResolver.Read(document, host, options);
                        string where = $"{Path.GetFileName(corpusCase)}/{Path.GetFileName(config)} [{host}]";
                        if (!ssh.Accepted)
                        {
                            refusals++;
                            refusedFiles.Add(where.Split(' ')[0]);
                        }

                        differences.AddRange(Differences(ssh, ours).Select(d => where + ": " + d));
                    }
                }
            }

            output.WriteLine($"{sample}: {files} files, {hosts} hosts compared with ssh -G, {refusals} refusals ({refusedFiles.Count} files refused for at least one host), {differences.Count} differences");
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(60)));
            Assert.True(files >= 140 && hosts >= sample.Scaled(1000), $"the corpus shrank: {files} files, {hosts} hosts");
        }

        private static IEnumerable<string> Differences(SshGRun ssh, SshConfigReading ours)
        {
            if (ssh.Accepted != ours.Accepted)
            {
                yield return ssh.Accepted
                    ? "ssh accepts, EspriSsh refuses: " + ours.Refusal
                    : "ssh refuses (" + ssh.Error.Trim().Replace("\n", " | ") + "), EspriSsh accepts";
                yield break;
            }

            if (!ssh.Accepted)
            {
                var sshLine = ssh.FirstLocation;
                SshConfigLocation ourLine = ours.Refusal?.Location;
                if (sshLine != null && (ourLine == null || Path.GetFullPath(ourLine.File) != Path.GetFullPath(sshLine.Value.File) || ourLine.Line != sshLine.Value.Line))
                {
                    yield return $"ssh refuses at {sshLine.Value.File} line {sshLine.Value.Line}, EspriSsh at {ourLine?.ToString() ?? "no line"} ({ours.Refusal})";
                }

                yield break;
            }

            ResolvedHostConfig r = ours.Resolved!;
            Dictionary<string, string> mine = SshGView(r);
            foreach (string key in Compared)
            {
                string theirs = ssh[key];
                mine.TryGetValue(key, out string value);
                if (theirs != value)
                {
                    yield return $"{key}: ssh '{theirs}', EspriSsh '{value}'";
                }
            }

            foreach (string key in new[] { "identityfile", "certificatefile" })
            {
                IReadOnlyList<string> theirs = ssh.All(key);
                IReadOnlyList<string> mineAll = key == "identityfile" ? r.IdentityFiles : r.GetAll(key);
                if (!theirs.SequenceEqual(mineAll))
                {
                    yield return $"{key}: ssh [{string.Join("|", theirs)}], EspriSsh [{string.Join("|", mineAll)}]";
                }
            }
        }

        /// <summary>Our values written the way ssh -G prints them (absent keys left out, as ssh leaves them out).</summary>
        private static Dictionary<string, string> SshGView(ResolvedHostConfig r)
        {
            string strict = (r.Get("stricthostkeychecking") ?? "ask").ToLowerInvariant();
            var view = new Dictionary<string, string>
            {
                ["hostname"] = r.HostName,
                ["user"] = r.User,
                ["port"] = r.Port.ToString(),
                ["forwardagent"] = r.Get("forwardagent") is string fa && !new[] { "yes", "no", "true", "false" }.Contains(fa.ToLowerInvariant()) ? fa : r.ForwardAgent ? "yes" : "no",
                ["identitiesonly"] = r.IdentitiesOnly ? "yes" : "no",
                ["forwardx11"] = r.ForwardX11 ? "yes" : "no",
                ["userknownhostsfile"] = r.UserKnownHostsFiles.Count == 0 ? "none" : string.Join(" ", r.UserKnownHostsFiles),
                ["globalknownhostsfile"] = r.GlobalKnownHostsFiles.Count == 0 ? "none" : string.Join(" ", r.GlobalKnownHostsFiles),
                ["stricthostkeychecking"] = strict == "yes" || strict == "true" ? "true" : strict == "no" || strict == "off" || strict == "false" ? "false" : strict,
            };
            if (r.ProxyJump != null)
            {
                view["proxyjump"] = r.ProxyJump;
            }

            if (r.ProxyCommand != null)
            {
                view["proxycommand"] = r.ProxyCommand;
            }

            if (r.HostKeyAlias != null)
            {
                view["hostkeyalias"] = r.HostKeyAlias;
            }

            return view;
        }

        private static Dictionary<string, string> Environment(string home)
        {
            var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string)e.Value);
            environment["HOME"] = home;
            environment["PATH"] = Path.Combine(home, "no-programs-here");
            environment["SHELL"] = "/bin/sh";
            return environment;
        }
    }
}
