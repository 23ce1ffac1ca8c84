using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// What ssh.c checks and expands once the config is read, before `ssh -G` prints anything: each
    /// of these stops ssh for this host (a jump host that is the host itself, ConnectionAttempts 0,
    /// ForkAfterAuthentication without a command, an unknown %-token or unset ${VAR} in a path or
    /// RemoteCommand, ~otheruser that does not exist).
    /// </summary>
    internal static class SshResolvedChecks
    {
        /// <summary>UserKnownHostsFile as ssh -G prints it: ~ from the home, then %-tokens and ${VAR}; empty for "none".</summary>
        public static IReadOnlyList<string> KnownHostsFiles(ResolvedHostConfig resolved, SshReadingState state, SshResolveOptions options)
        {
            IReadOnlyList<string> written = resolved.GetList("userknownhostsfile") ?? ResolvedHostConfig.DefaultUserKnownHostsFiles;
            if (written.Count == 1 && written[0].Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return Array.Empty<string>();
            }

            var expansion = new SshExpansion(options.Environment);
            var files = new List<string>();
            foreach (string file in written)
            {
                string? tilde = Tilde(file, options, state, resolved.SourceOf("userknownhostsfile"));
                string? expanded = tilde == null ? null : expansion.PercentDollar(tilde, resolved.Tokens, out string? problem) ?? Fail(state, resolved.SourceOf("userknownhostsfile"), problem);
                files.Add(expanded ?? file);
            }

            return files;
        }

        public static void Check(ResolvedHostConfig resolved, SshOptionValues values, SshReadingState state, SshResolveOptions options)
        {
            if (resolved.Jump is SshJump jump && jump.Host == resolved.HostName && (jump.Port <= 0 ? 22 : jump.Port) == resolved.Port
                && (jump.User ?? resolved.User) == resolved.User)
            {
                Fail(state, values.First("proxyjump")?.Source, "jumphost loop via " + jump.Host);
            }

            if (values.First("connectionattempts") is SshConfigEntry attempts && attempts.Arguments[0].TrimStart('+') is string count && long.TryParse(count, out long n) && n <= 0)
            {
                Fail(state, attempts.Source, "Invalid number of ConnectionAttempts");
            }

            string? remoteCommand = None(values.First("remotecommand")?.Raw);
            if (IsYes(values.First("forkafterauthentication")) && remoteCommand == null
                && !string.Equals(values.First("sessiontype")?.Arguments[0], "none", StringComparison.OrdinalIgnoreCase))
            {
                Fail(state, values.First("forkafterauthentication")!.Source, "Cannot fork into background without a command to execute.");
            }

            if (resolved.ProxyCommand == "-" && IsYes(values.First("proxyusefdpass")))
            {
                Fail(state, values.First("proxycommand")?.Source, "ProxyCommand=- and ProxyUseFDPass are incompatible");
            }

            foreach (string keyword in new[] { "ciphers", "macs", "kexalgorithms", "hostbasedacceptedalgorithms", "pubkeyacceptedalgorithms", "casignaturealgorithms", "hostkeyalgorithms" })
            {
                if (values.First(keyword) is SshConfigEntry list && SshAlgorithmNames.AssemblyProblem(keyword, list.Arguments[0]) is string invalid)
                {
                    // fill_default_options says so and goes on; only ssh -G's HostKeyAlgorithms expansion stops.
                    state.Problems.Add(new SshConfigProblem(list.Source, invalid, refuses: keyword == "hostkeyalgorithms"));
                }
            }

            var expansion = new SshExpansion(options.Environment);
            if (remoteCommand != null && expansion.Percent(remoteCommand, resolved.Tokens, out string? commandProblem) == null)
            {
                Fail(state, values.First("remotecommand")!.Source, commandProblem);
            }

            foreach (string keyword in new[] { "controlpath", "identityagent", "forwardagent" })
            {
                SshConfigEntry? entry = values.First(keyword);
                string? path = entry == null || (keyword == "controlpath" && None(entry.Value) == null) ? null : entry.Arguments[0];
                if (path == null || (keyword == "forwardagent" && new[] { "yes", "no", "true", "false" }.Contains(path, StringComparer.OrdinalIgnoreCase)))
                {
                    continue;
                }

                string? tilde = Tilde(path, options, state, entry!.Source);
                if (tilde != null && expansion.PercentDollar(tilde, resolved.Tokens, out string? problem) == null)
                {
                    Fail(state, entry.Source, problem);
                }
            }
        }

        /// <summary>tilde_expand_filename: "~" and "~/x" from the home, "~name/x" from that user's home (ssh stops when there is no such user).</summary>
        private static string? Tilde(string path, SshResolveOptions options, SshReadingState state, SshConfigLocation? source)
        {
            if (!path.StartsWith("~", StringComparison.Ordinal))
            {
                return path;
            }

            int slash = path.IndexOf('/');
            string name = slash < 0 ? path.Substring(1) : path.Substring(1, slash - 1);
            string rest = slash < 0 ? "" : path.Substring(slash + 1);
            string? userHome = name.Length == 0 || name == options.LocalUser ? options.Home : HomeOf(name);
            if (userHome == null)
            {
                return Fail(state, source, "tilde_expand_filename: No such user " + name);
            }

            return slash < 0 ? userHome : userHome.TrimEnd('/') + "/" + rest;
        }

        /// <summary>Another user's home from the password file, where there is one to read.</summary>
        private static string? HomeOf(string user)
        {
            try
            {
                return File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 5 && f[0] == user)?[5];
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static bool IsYes(SshConfigEntry? entry) =>
            entry != null && (entry.Arguments[0].Equals("yes", StringComparison.OrdinalIgnoreCase) || entry.Arguments[0].Equals("true", StringComparison.OrdinalIgnoreCase));

        private static string? None(string? value) => value == null || value.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : value;

        private static string? Fail(SshReadingState state, SshConfigLocation? location, string? message)
        {
            state.Problems.Add(new SshConfigProblem(location, message ?? "invalid expansion"));
            return null;
        }
    }
}
