using System.Linq;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>Which ssh would run, from which distribution, and its version (ssh -V).</summary>
    internal static class SshClientSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            var section = new ReportSection("ssh client");
            SshToolLocation? ssh = context.Ssh;
            if (ssh == null)
            {
                section.Line("No ssh program was found (searched PATH" + (context.Request.ToolEnvironment.IsWindows ? " and the usual Windows install folders" : "") + ").");
                context.Add(new Finding("SshNotFound", FindingSeverity.Error,
                    "No ssh client is installed or on PATH, so nothing can log in and the ssh tests of this report were skipped.",
                    context.Request.ToolEnvironment.IsWindows
                        ? "Install Windows' OpenSSH client: Settings > Apps > Optional features > OpenSSH Client (or, as administrator: Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0)."
                        : "Install the OpenSSH client (Debian/Ubuntu: sudo apt install openssh-client; Fedora/RHEL: sudo dnf install openssh-clients)."));
                return section;
            }

            section.Field("ssh", ssh.Path);
            section.Field("Distribution", Describe(ssh.Flavor));
            CommandResult version = ExternalCommand.Run(ssh.Path, new[] { "-V" }, ReportContext.LocalCommandLimit);
            section.Field("ssh -V", version.CombinedOutput.Trim().Length > 0 ? version.CombinedOutput.Trim() : "(no answer: " + (version.Failure ?? "exit code " + version.ExitCode) + ")");
            if (!version.Succeeded)
            {
                context.Add(new Finding("SshNotWorking", FindingSeverity.Error,
                    $"'{ssh.Path} -V' did not work ({version.Failure ?? "exit code " + version.ExitCode}).",
                    "Reinstall the OpenSSH client, or put a working ssh first on PATH.", ssh.Path));
            }

            var others = context.Locator.FindAll("ssh").Skip(1).ToList();
            if (others.Count > 0)
            {
                section.Field("Other ssh copies", string.Join("; ", others.Select(o => o.ToString())));
            }

            foreach (string tool in new[] { "ssh-keygen", "ssh-add", "ssh-agent" })
            {
                section.Field(tool, context.Locator.Find(tool)?.ToString() ?? "not found");
            }

            if (ssh.Flavor == SshToolFlavor.MobaXterm || ssh.Flavor == SshToolFlavor.GitForWindows)
            {
                context.Add(new Finding("SshFlavorNotWindows", FindingSeverity.Info,
                    $"The ssh that runs is the one of {Describe(ssh.Flavor)}; it may use another home folder and another agent than Windows' OpenSSH.",
                    "Prefer Windows' own OpenSSH (C:\\Windows\\System32\\OpenSSH) first on PATH, or make sure your keys are where this ssh looks.", ssh.Path));
            }

            return section;
        }

        private static string Describe(SshToolFlavor flavor) => flavor switch
        {
            SshToolFlavor.Win32OpenSsh => "Win32-OpenSSH (Windows' own OpenSSH)",
            SshToolFlavor.GitForWindows => "Git for Windows (its bundled OpenSSH)",
            SshToolFlavor.MobaXterm => "MobaXterm (its bundled OpenSSH)",
            SshToolFlavor.OpenSsh => HostPlatform.IsWindows ? "OpenSSH" : "OpenSSH (system)",
            _ => "other",
        };
    }
}
