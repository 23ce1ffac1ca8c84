using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Config;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// The configs the report's own ssh runs read with -F, in an owner-only temporary folder removed
    /// with the report. With -F ssh reads neither ~/.ssh/config nor the system-wide file, and -F is
    /// the one thing it hands on to ProxyJump hops (an -o option is not), so:
    /// <list type="bullet">
    /// <item><see cref="View"/>: what ssh reads for the user (their config, then the system-wide one),
    /// with EspriSsh's home and ssh folder: when ssh's home (the password database's) is not EspriSsh's
    /// (ESPRISSH_HOME, a changed HOME), a copy of the config whose ~ and %d name EspriSsh's home, and
    /// ssh's default known_hosts and keys named in EspriSsh's ssh folder.</item>
    /// <item><see cref="Attempt"/>: the view behind options that make ssh ask nothing on any hop and
    /// change nothing: BatchMode, StrictHostKeyChecking yes, no host key written, no shared connection.</item>
    /// </list>
    /// </summary>
    internal sealed class ReportSshConfig : IDisposable
    {
        private const string HomeProbe = "espri-home-probe";

        private ReportSshConfig(string folder, string view, IReadOnlyList<string> notes)
        {
            Folder = folder;
            View = view;
            Notes = notes;
        }

        public string Folder { get; }

        /// <summary>The config for ssh -G: what ssh uses for the user.</summary>
        public string View { get; }

        /// <summary>What was changed from plain ssh, for the report's reader; empty when nothing was.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>Where the final host's ssh writes its log (-E): the jump hosts' logs stay on stderr.</summary>
        public string TargetLog => Path.Combine(Folder, "target.log");

        /// <summary>ssh reads the system-wide file too unless -F is given.</summary>
        public static string SystemConfigPath => HostPlatform.IsWindows
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ssh", "ssh_config")
            : "/etc/ssh/ssh_config";

        /// <summary>
        /// Writes the view for the report's host; <paramref name="plan"/> (when known) names the hops
        /// whose keys are ssh's defaults, <paramref name="ssh"/> is asked for its own home.
        /// </summary>
        public static ReportSshConfig Create(DebugReportRequest request, string userConfig, ConnectionPlan? plan, string ssh)
        {
            string folder = Path.Combine(Path.GetTempPath(), "espri-report-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(folder);
            string home = HostPlatform.HomeDirectory;
            string? sshHome = SshHome(ssh, folder);
            bool otherHome = sshHome != null && !SamePath(sshHome, home);
            bool otherFolder = otherHome || !SamePath(request.SshDirectory, Path.Combine(home, ".ssh"));
            var notes = new List<string>();
            var text = new StringBuilder("# Made by Get-EspriDebugReport: what ssh reads for you, with the files EspriSsh uses.\n");
            if (File.Exists(userConfig))
            {
                string included = userConfig;
                if (otherHome)
                {
                    included = HomeRewrittenConfig.Write(userConfig, home, folder);
                    notes.Add($"ssh's own home is {sshHome}, EspriSsh's is {home}: ssh read a copy of {userConfig} whose ~ names {home}.");
                }

                text.Append("Include ").Append(SshConfigLineParser.Quote(included)).Append('\n');
            }

            if (File.Exists(SystemConfigPath))
            {
                text.Append("Include ").Append(SshConfigLineParser.Quote(SystemConfigPath)).Append('\n');
            }

            if (otherFolder)
            {
                // ssh's defaults, in the ssh folder EspriSsh uses (ssh would look in its own home's).
                AppendDefaultKeys(text, request, userConfig, plan, home);
                IReadOnlyList<string> knownHosts = KnownHostsLocations.DefaultUserFiles(request.SshDirectory);
                text.Append("Host *\n    UserKnownHostsFile ").Append(string.Join(" ", knownHosts.Select(SshConfigLineParser.Quote))).Append('\n');
                notes.Add($"ssh's default keys and known_hosts were named in {request.SshDirectory}, the ssh folder EspriSsh uses.");
            }

            string view = Path.Combine(folder, "view_config");
            AtomicFileWriter.WriteAllText(view, text.ToString(), ownerOnly: true);
            return new ReportSshConfig(folder, view, notes);
        }

        /// <summary>The config for the login attempt: nothing asked on any hop, nothing written, no connection reused.</summary>
        public string Attempt(int connectTimeoutSeconds)
        {
            string attempt = Path.Combine(Folder, "attempt_config");
            string text = "# Made by Get-EspriDebugReport for one ssh run: ssh hands -F (not -o) on to every ProxyJump hop, so each\n"
                + "# one asks nothing (BatchMode), trusts and writes no new host key, reuses no connection.\n"
                + "BatchMode yes\nStrictHostKeyChecking yes\nUpdateHostKeys no\n"
                + "ConnectTimeout " + connectTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + "\n"
                + "ControlMaster no\nControlPath none\nForwardAgent no\nForwardX11 no\nClearAllForwardings yes\nRequestTTY no\nPermitLocalCommand no\n"
                + "Include " + SshConfigLineParser.Quote(View) + "\n";
            AtomicFileWriter.WriteAllText(attempt, text, ownerOnly: true);
            return attempt;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A temporary folder left behind is not worth failing the report for.
            }
        }

        /// <summary>
        /// The hops whose config names no key get ssh's default names, found in EspriSsh's ssh folder
        /// (only those that exist: a missing one named here would be a "no such identity" ssh never says).
        /// </summary>
        private static void AppendDefaultKeys(StringBuilder text, DebugReportRequest request, string userConfig, ConnectionPlan? plan, string home)
        {
            string[] defaults = KeyFile.NamesSshTries.Select(name => Path.Combine(request.SshDirectory, name)).Where(File.Exists).ToArray();
            if (defaults.Length == 0)
            {
                return;
            }

            IEnumerable<string> hosts = plan?.Hops.Select(h => h.Alias) ?? new[] { request.HostName };
            var options = new SshResolveOptions { Home = home };
            // A config ssh refuses is read as far as it goes: ssh's own refusal is the report's finding, not a failure of it.
            SshConfigDocument? document = SshConfigDocument.Load(userConfig);
            foreach (string host in hosts.Distinct(StringComparer.Ordinal))
            {
                bool configured = document != null && SshConfigResolver.Read(document, host, options).Settings?.IdentityFilesFromConfig == true;
                if (!configured && SshNames.IsValidHostName(host))
                {
                    text.Append("Host ").Append(host.ToLowerInvariant()).Append('\n');
                    foreach (string key in defaults)
                    {
                        text.Append("    IdentityFile ").Append(SshConfigLineParser.Quote(key)).Append('\n');
                    }
                }
            }
        }

        /// <summary>The home ssh itself uses (~ in its config): asked from ssh -G, which expands ~ in UserKnownHostsFile.</summary>
        private static string? SshHome(string ssh, string folder)
        {
            string probe = Path.Combine(folder, "home_probe");
            AtomicFileWriter.WriteAllText(probe, "UserKnownHostsFile ~/" + HomeProbe + "\n", ownerOnly: true);
            CommandResult result = ExternalCommand.Run(ssh, new[] { "-G", "-F", probe, "--", HomeProbe }, ReportContext.LocalCommandLimit);
            string? line = result.StandardOutput.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.StartsWith("userknownhostsfile ", StringComparison.OrdinalIgnoreCase));
            string? path = line?.Substring("userknownhostsfile ".Length);
            return path != null && path.EndsWith(HomeProbe, StringComparison.Ordinal) ? path.Substring(0, path.Length - HomeProbe.Length).TrimEnd('/', '\\') : null;
        }

        private static bool SamePath(string a, string b) => string.Equals(
            Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
            Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
            HostPlatform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
