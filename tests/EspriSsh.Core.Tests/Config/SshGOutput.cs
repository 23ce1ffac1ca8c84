using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>Runs the real `ssh -G -F file host` with a sandbox HOME and parses its "key value" lines.</summary>
    public sealed class SshGOutput
    {
        private readonly List<(string Key, string Value)> entries;

        private SshGOutput(List<(string, string)> entries) => this.entries = entries;

        public string this[string key] => entries.Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();

        public IReadOnlyList<string> All(string key) => entries.Where(e => e.Key == key).Select(e => e.Value).ToList();

        public static SshGOutput Run(string configPath, string host, string home)
        {
            var psi = new ProcessStartInfo("ssh")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            ProcessCompat.AddArguments(psi, new[] { "-G", "-F", configPath, host });

            psi.Environment["HOME"] = home;
            using Process p = Process.Start(psi);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(30000), "ssh -G hung");
            Assert.True(p.ExitCode == 0, $"ssh -G -F {configPath} {host} failed: {stderr.Result}");
            var list = new List<(string, string)>();
            foreach (string line in stdout.Result.Split('\n'))
            {
                int space = line.IndexOf(' ');
                if (space > 0)
                {
                    list.Add((line.Substring(0, space), line.Substring(space + 1)));
                }
            }

            return new SshGOutput(list);
        }
    }
}
