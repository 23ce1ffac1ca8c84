using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>
    /// The real `ssh -G -F file -- host` in a given environment (HOME a sandbox, so Include globs stay
    /// in it; ssh still takes ~ from the password database, so nothing reads the real ~/.ssh as long
    /// as the config itself does not name it): exit code, "key value" lines, and the first "FILE line N".
    /// </summary>
    public sealed class SshGRun
    {
        private static readonly Regex Located = new Regex(@"^(?<file>.+?):? line (?<line>\d+):", RegexOptions.Multiline);

        /// <summary>The ssh of this machine, found once on the PATH the tests started with (a test may empty PATH).</summary>
        public static string SshPath { get; } = new EspriSsh.Core.Tools.SshToolLocator().Find("ssh")?.Path ?? "ssh";

        private SshGRun(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Error = error;
            foreach (string line in output.Split('\n'))
            {
                int space = line.IndexOf(' ');
                if (space > 0)
                {
                    Entries.Add((line.Substring(0, space), line.Substring(space + 1)));
                }
            }
        }

        public int ExitCode { get; }

        public string Error { get; }

        public List<(string Key, string Value)> Entries { get; } = new List<(string, string)>();

        public bool Accepted => ExitCode == 0;

        public string this[string key] => Entries.Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();

        public IReadOnlyList<string> All(string key) => Entries.Where(e => e.Key == key).Select(e => e.Value).ToList();

        /// <summary>The file and line of ssh's first located message; null when it names none.</summary>
        public (string File, int Line)? FirstLocation
        {
            get
            {
                Match m = Located.Match(Error);
                return m.Success ? (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value)) : ((string, int)?)null;
            }
        }

        public static SshGRun Run(string configPath, string host, IDictionary<string, string> environment)
        {
            var psi = new ProcessStartInfo(SshPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            ProcessCompat.AddArguments(psi, new[] { "-G", "-F", configPath, "--", host });
            foreach (KeyValuePair<string, string> variable in environment)
            {
                psi.Environment[variable.Key] = variable.Value;
            }

            using Process p = Process.Start(psi);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(30000))
            {
                ProcessCompat.KillTree(p);
                throw new TimeoutException($"ssh -G -F {configPath} {host} did not finish within 30 s.");
            }

            return new SshGRun(p.ExitCode, stdout.Result, stderr.Result);
        }

        /// <summary>ssh's answer for a config it must accept, HOME a sandbox; the test fails with ssh's reason otherwise.</summary>
        public static SshGRun Settings(string configPath, string host, string home)
        {
            SshGRun run = Run(configPath, host, new Dictionary<string, string> { ["HOME"] = home });
            Assert.True(run.Accepted, $"ssh -G -F {configPath} {host} failed: {run.Error}");
            return run;
        }

        /// <summary>ssh's own home (the password database's) and user name: what ~ and %d, %u become in its answers.</summary>
        public static (string Home, string User) PasswordEntry(IDictionary<string, string> environment)
        {
            using var empty = new TempDirectory();
            File.WriteAllText(empty.File("c"), "");
            SshGRun run = Run(empty.File("c"), "x", environment);
            string knownHosts = run["userknownhostsfile"].Split(' ')[0];
            return (knownHosts.Substring(0, knownHosts.Length - "/.ssh/known_hosts".Length), run["user"]);
        }
    }
}
