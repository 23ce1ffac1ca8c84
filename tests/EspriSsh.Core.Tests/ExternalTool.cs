using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Tests
{
    /// <summary>Runs the real peers (ssh-keygen, puttygen, ssh) with a time bound.</summary>
    public static class ExternalTool
    {
        public static bool Exists(string name) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
                .Any(dir => File.Exists(System.IO.Path.Combine(dir, name)) || (TestHost.IsWindows && File.Exists(System.IO.Path.Combine(dir, name + ".exe"))));

        /// <summary>
        /// What the tests use these for exists on Unix only, whatever Windows has under the same name: sshd
        /// run unprivileged from a temp config, `ssh-agent -D -a socket` (Windows' agent is a service),
        /// puttygen's command line (Windows PuTTYgen is a GUI that would wait for a click), and the file
        /// tools that act on modes, FIFOs and links (Git's MSYS copies only pretend).
        /// </summary>
        private static readonly string[] UnixOnlyTools = { "sshd", "ssh-agent", "puttygen", "pageant", "chmod", "stat", "ln", "mkfifo", "readlink", "sh", "id", "touch" };

        /// <summary>null when all are on PATH, else "x not installed" or "Unix only (x)" (a visible skip reason; CI installs them).</summary>
        public static string MissingReason(params string[] names)
        {
            string[] unixOnly = TestHost.IsWindows ? names.Where(UnixOnlyTools.Contains).ToArray() : new string[0];
            if (unixOnly.Length > 0)
            {
                return "Unix only (" + string.Join(", ", unixOnly) + ")";
            }

            string[] missing = names.Where(n => !Exists(n)).ToArray();
            return missing.Length == 0 ? null : string.Join(", ", missing) + " not installed";
        }

        public static (int ExitCode, string Output, string Error) Run(string file, params string[] args) => RunWithInput(file, null, args);

        public static (int ExitCode, string Output, string Error) RunWithEnvironment(string file, System.Collections.Generic.IDictionary<string, string> environment, params string[] args) =>
            RunWithInput(file, null, environment, args);

        public static (int ExitCode, string Output, string Error) RunWithInput(string file, string stdin, params string[] args) => RunWithInput(file, stdin, null, args);

        private static (int ExitCode, string Output, string Error) RunWithInput(string file, string stdin, System.Collections.Generic.IDictionary<string, string> environment, params string[] args)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            ProcessCompat.AddArguments(psi, args);

            foreach (var variable in environment ?? new System.Collections.Generic.Dictionary<string, string>())
            {
                psi.Environment[variable.Key] = variable.Value;
            }

            using Process p = Process.Start(psi);
            if (stdin != null)
            {
                p.StandardInput.Write(stdin);
            }

            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60000))
            {
                ProcessCompat.KillTree(p);
                throw new TimeoutException(file + " did not finish within 60 s.");
            }

            return (p.ExitCode, stdout.Result, stderr.Result);
        }

        /// <summary>Runs and fails the test with the tool's own message when it exits non-zero.</summary>
        public static string Check(string file, params string[] args)
        {
            var r = Run(file, args);
            Assert.True(r.ExitCode == 0, $"{file} {string.Join(" ", args)} failed ({r.ExitCode}): {r.Error}{r.Output}");
            return r.Output;
        }
    }
}
