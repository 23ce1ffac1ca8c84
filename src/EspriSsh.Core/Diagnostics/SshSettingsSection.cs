using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>What ssh itself would use for the host: the whole `ssh -G` answer, kept for later sections.</summary>
    internal static class SshSettingsSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            var section = new ReportSection($"Effective ssh settings for {context.Request.HostName} (ssh -G, what ssh itself uses)");
            ReportSshConfig? config = context.SshConfig;
            if (context.Ssh == null || config == null)
            {
                section.Line("Skipped: no ssh client.");
                return section;
            }

            var arguments = new List<string> { "-G" };
            arguments.AddRange(context.SshArguments(config.View));
            arguments.Add("--"); // whatever the host looks like, ssh reads it as the host
            arguments.Add(context.Request.HostName);
            CommandResult result = ExternalCommand.Run(context.Ssh.Path, arguments, ReportContext.LocalCommandLimit);
            section.Field("Command", result.CommandLine);
            section.Line($"The config given with -F ({config.View}, removed after the report):").Block(File.ReadAllText(config.View));
            foreach (string note in config.Notes)
            {
                section.Line(note);
            }

            if (!result.Succeeded)
            {
                section.Line("ssh -G failed (" + (result.Failure ?? "exit code " + result.ExitCode) + "):").Block(result.CombinedOutput);
                string firstError = result.StandardError.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? result.Failure ?? "";
                context.Add(new Finding("SshConfigRejected", FindingSeverity.Error,
                    $"ssh cannot read its configuration for '{context.Request.HostName}': {firstError}",
                    $"Correct the line ssh names in {context.ConfigFile} (or move the file away to test without it).", context.ConfigFile));
                return section;
            }

            foreach (string line in result.StandardOutput.Split('\n'))
            {
                int space = line.IndexOf(' ');
                if (space > 0)
                {
                    string key = line.Substring(0, space);
                    if (!context.EffectiveSettings.TryGetValue(key, out List<string>? values))
                    {
                        context.EffectiveSettings[key] = values = new List<string>();
                    }

                    values.Add(line.Substring(space + 1).Trim());
                }
            }

            section.Block(result.StandardOutput);
            CompareWithResolver(context, section);
            return section;
        }

        /// <summary>Where our reading and ssh's differ, support should know (and so should we).</summary>
        private static void CompareWithResolver(ReportContext context, ReportSection section)
        {
            if (context.Resolved == null)
            {
                return;
            }

            string? First(string key) => context.EffectiveSettings.TryGetValue(key, out List<string>? v) ? v[0] : null;
            var differences = new List<string>();
            void Compare(string key, string ours)
            {
                string? theirs = First(key);
                if (theirs != null && !string.Equals(theirs, ours, System.StringComparison.OrdinalIgnoreCase))
                {
                    differences.Add($"{key}: ssh {theirs}, EspriSsh {ours}");
                }
            }

            Compare("hostname", context.Resolved.HostName);
            Compare("port", context.Resolved.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Compare("proxyjump", context.Resolved.ProxyJump ?? "none");
            if (string.IsNullOrEmpty(context.Request.Login))
            {
                Compare("user", context.Resolved.User);
            }

            if (differences.Count > 0)
            {
                section.Line("EspriSsh's reading differs from ssh's: " + string.Join("; ", differences));
                context.Add(new Finding("ConfigReadingDiffers", FindingSeverity.Info,
                    "EspriSsh reads the ssh config differently from ssh for this host (" + string.Join("; ", differences) + "); ssh's answer is the one that counts.",
                    "Nothing to do; support may report it to the EspriSsh developers.", context.ConfigFile));
            }
        }
    }
}
