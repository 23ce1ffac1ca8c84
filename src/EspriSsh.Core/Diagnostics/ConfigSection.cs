using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// What EspriSsh's own ssh_config reading says ssh would use for the host (with the line each value
    /// comes from), and the config problems that break or endanger every connection (BOM, ForwardAgent
    /// for all hosts). Works without ssh installed; ssh -G is shown beside it when ssh is there.
    /// </summary>
    internal static class ConfigSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            string host = context.Request.HostName;
            string config = context.ConfigFile;
            var section = new ReportSection($"Effective ssh settings for {host} (EspriSsh's reading of the config)");
            section.Field("Config file", config + (File.Exists(config) ? "" : " (does not exist: ssh uses its defaults)"));
            var options = new SshResolveOptions { SystemConfigPath = context.PassesConfigToSsh ? null : SystemConfigPath() };
            try
            {
                foreach (SshConfigFinding finding in SshConfigInspector.Inspect(config, options))
                {
                    context.Add(finding.Id == SshConfigFinding.ConfigHasBom
                        ? new Finding(finding.Id, FindingSeverity.Error, finding.Message,
                            $"Save {finding.Location.File} as UTF-8 without BOM (Set-EspriSshConfig removes it from your main config).", finding.Location.File)
                        : new Finding(finding.Id, FindingSeverity.Warning, finding.Message,
                            "Set-EspriSshConfig -DisableForwardAgentAll (comments the line out).", finding.Location.ToString()));
                }

                SshConfigReading reading = SshConfigResolver.Read(SshConfigDocument.Load(config) ?? SshConfigDocument.Empty(config), host, options);
                if (!reading.Accepted)
                {
                    // ssh -G (the next section) is the judge; without ssh, this reading is.
                    section.Line("EspriSsh's reading (OpenSSH 9.2's rules) refuses the config: " + reading.Refusal + (reading.Refusal?.Note == null ? "" : " (" + reading.Refusal.Note + ")"));
                    if (context.Ssh == null)
                    {
                        context.Add(new Finding("SshConfigRejected", FindingSeverity.Error, "ssh would refuse its configuration: " + reading.Refusal,
                            $"Correct the line named in {config}; Test-EspriSshConfig shows what is wrong.", reading.Refusal?.Location?.ToString() ?? config));
                    }
                }

                ResolvedHostConfig? resolved = reading.Settings;
                if (resolved == null)
                {
                    return section;
                }

                context.Resolved = resolved;
                section.Field("Files read", string.Join(", ", resolved.FilesRead.DefaultIfEmpty("(none)")));
                Setting(section, resolved, "HostName", resolved.HostName, "hostname");
                Setting(section, resolved, "Port", resolved.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "port");
                Setting(section, resolved, "User", string.IsNullOrEmpty(context.Request.Login)
                    ? resolved.User
                    : context.Request.Login + " (-Login, given to ssh as -l; the config says " + resolved.User + ")", "user");
                section.Field("IdentityFile" + (resolved.IdentityFilesFromConfig ? "" : " (ssh's defaults)"),
                    string.Join(", ", resolved.ExpandedIdentityFiles.Select(f => f + (File.Exists(f) ? "" : " (missing)"))));
                Setting(section, resolved, "IdentitiesOnly", resolved.IdentitiesOnly ? "yes" : "no", "identitiesonly");
                Setting(section, resolved, "ProxyJump", resolved.ProxyJump ?? "none", "proxyjump");
                if (resolved.ProxyCommand != null)
                {
                    Setting(section, resolved, "ProxyCommand", resolved.ProxyCommand, "proxycommand");
                }

                Setting(section, resolved, "ForwardAgent", resolved.ForwardAgent ? "yes" : "no", "forwardagent");
                Setting(section, resolved, "UserKnownHostsFile", resolved.UserKnownHostsFiles.Count == 0 ? "none" : string.Join(" ", resolved.UserKnownHostsFiles), "userknownhostsfile");
                if (resolved.HostKeyAlias != null)
                {
                    Setting(section, resolved, "HostKeyAlias", resolved.HostKeyAlias, "hostkeyalias");
                }
                foreach (SshConfigLocation unevaluated in resolved.UnevaluatedMatches)
                {
                    section.Line("Not judged (its command could not be run here; ssh -G below judges it): the Match at " + unevaluated);
                }
            }
            catch (EspriException ex)
            {
                section.Line("The config could not be read: " + ex.Message);
                context.Add(new Finding("ConfigUnreadable", FindingSeverity.Error, ex.Message,
                    $"Correct the line named above in {config}; Test-EspriSshConfig shows what is wrong.", config));
            }

            return section;
        }

        private static void Setting(ReportSection section, ResolvedHostConfig resolved, string name, string value, string keyword)
        {
            SshConfigLocation? source = resolved.SourceOf(keyword);
            section.Field(name, value + (source == null ? "" : "   (" + source + ")"));
        }

        /// <summary>ssh reads the system-wide file too unless -F is given.</summary>
        private static string SystemConfigPath() => HostPlatform.IsWindows
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ssh", "ssh_config")
            : "/etc/ssh/ssh_config";
    }
}
