using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// Finds ssh, ssh-add and ssh-keygen as a user's shell would: PATH first, then on Windows the
    /// places the usual distributions install to (Windows' own OpenSSH, Git for Windows, MobaXterm),
    /// since many users have one that is not on PATH.
    /// </summary>
    public sealed class SshToolLocator
    {
        private readonly IToolEnvironment environment;

        public SshToolLocator(IToolEnvironment? environment = null)
        {
            this.environment = environment ?? SystemToolEnvironment.Instance;
        }

        /// <summary>The tool that would run, or null when none is installed.</summary>
        public SshToolLocation? Find(string tool) => FindAll(tool).FirstOrDefault();

        /// <summary>Every copy found, the one that would run first.</summary>
        public IEnumerable<SshToolLocation> FindAll(string tool)
        {
            string fileName = environment.IsWindows ? tool + ".exe" : tool;
            var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (string directory in SearchDirectories())
            {
                string candidate = Path.Combine(directory, fileName);
                if (seen.Add(candidate) && environment.FileExists(candidate))
                {
                    yield return new SshToolLocation(tool, candidate, FlavorOf(candidate));
                }
            }
        }

        private IEnumerable<string> SearchDirectories()
        {
            char separator = environment.IsWindows ? ';' : ':';
            foreach (string dir in (environment.GetEnvironmentVariable("PATH") ?? "").Split(separator))
            {
                if (dir.Trim().Length > 0)
                {
                    yield return dir.Trim().Trim('"');
                }
            }

            if (!environment.IsWindows)
            {
                yield break;
            }

            string? windir = environment.GetEnvironmentVariable("SystemRoot") ?? environment.GetEnvironmentVariable("windir");
            if (windir != null)
            {
                yield return Path.Combine(windir, "System32", "OpenSSH");
            }

            foreach (string variable in new[] { "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432" })
            {
                string? programFiles = environment.GetEnvironmentVariable(variable);
                if (programFiles != null)
                {
                    yield return Path.Combine(programFiles, "OpenSSH");
                    yield return Path.Combine(programFiles, "Git", "usr", "bin");
                }
            }

            string? localAppData = environment.GetEnvironmentVariable("LOCALAPPDATA");
            if (localAppData != null)
            {
                yield return Path.Combine(localAppData, "Programs", "Git", "usr", "bin");
            }
        }

        internal static SshToolFlavor FlavorOf(string path)
        {
            string p = path.Replace('\\', '/').ToLowerInvariant();
            if (p.Contains("mobaxterm"))
            {
                return SshToolFlavor.MobaXterm;
            }

            if (p.Contains("/git/"))
            {
                return SshToolFlavor.GitForWindows;
            }

            if (p.EndsWith(".exe"))
            {
                return p.Contains("/openssh/") ? SshToolFlavor.Win32OpenSsh : SshToolFlavor.Other;
            }

            return SshToolFlavor.OpenSsh;
        }
    }
}
