using System;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>What Get-EspriDebugReport was asked for; the cmdlet fills it, the core never reads PowerShell.</summary>
    public sealed class DebugReportRequest
    {
        public DebugReportRequest(SiteProfile site)
        {
            Site = site;
            HostName = site.DefaultHeadNode;
        }

        /// <summary>The site profile the report judges against (the cmdlet's, never looked up here).</summary>
        public SiteProfile Site { get; }

        /// <summary>The ESPRI login (ssh -l); null lets ssh_config decide.</summary>
        public string? Login { get; set; }

        /// <summary>The host to test (an alias of the site or a name); by default the site's default head node.</summary>
        public string HostName { get; set; }

        /// <summary>The resolved ssh directory (SshDirectory.Resolve).</summary>
        public string SshDirectory { get; set; } = "";

        /// <summary>An ssh_config to use instead of the one ssh reads by default (ssh -F).</summary>
        public string? ConfigPath { get; set; }

        public bool NoConnectionTest { get; set; }

        /// <summary>Tests the caller has just made with the user: described instead of testing again (no network run).</summary>
        public SeenConnection? SeenConnection { get; set; }

        /// <summary>Budget of the network stages together; each external command is bounded too.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

        public bool Anonymize { get; set; }

        /// <summary>Desktop or Core, from $PSVersionTable (the core has no PowerShell reference).</summary>
        public string? PowerShellEdition { get; set; }

        public string? PowerShellVersion { get; set; }

        public string? PowerShellHost { get; set; }

        /// <summary>Where ssh is looked for; tests give a fake.</summary>
        public IToolEnvironment ToolEnvironment { get; set; } = SystemToolEnvironment.Instance;
    }
}
