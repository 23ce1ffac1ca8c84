using System;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>What Start-EspriSetup was asked for, paths resolved; the secret stays owned by the caller.</summary>
    public sealed class SetupRequest
    {
        /// <summary>The ESPRI login; null: asked when someone can answer, else the Config step needs you.</summary>
        public string? User { get; set; }

        /// <summary>The IDRIS login; when set, the Jean Zay alias is written and tested too.</summary>
        public string? JeanZayUser { get; set; }

        /// <summary>A head node alias of the site profile; null for its default head node.</summary>
        public string? HeadNode { get; set; }

        /// <summary>The key to use or make; null: id_ed25519 in <see cref="SshDirectory"/> (id_rsa... for a key installed from a file of that type).</summary>
        public string? KeyPath { get; set; }

        /// <summary>A key file to install or convert (.ppk, OpenSSH or PEM) instead of looking for one.</summary>
        public string? FromKey { get; set; }

        /// <summary>The passphrase of the key found or given, or of the new key; null: asked when needed.</summary>
        public Secret? Passphrase { get; set; }

        public bool TestConnection { get; set; }

        /// <summary>Trust the host key of a server seen for the first time (written to known_hosts).</summary>
        public bool AcceptNewHostKey { get; set; }

        /// <summary>Bounds each connection test and the report's network stages.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The resolved ssh folder.</summary>
        public string SshDirectory { get; set; } = "";

        /// <summary>The ssh config to edit and read; null: config in <see cref="SshDirectory"/>.</summary>
        public string? ConfigPath { get; set; }

        /// <summary>The home where PuTTY/MobaXterm keys are looked for (Desktop, Downloads, Documents...).</summary>
        public string HomeDirectory { get; set; } = "";

        /// <summary>Where the support report goes when the connection fails (the current folder).</summary>
        public string ReportDirectory { get; set; } = "";

        /// <summary>What the report says of the PowerShell running it ($PSVersionTable, the host).</summary>
        public string? PowerShellEdition { get; set; }

        public string? PowerShellVersion { get; set; }

        public string? PowerShellHost { get; set; }
    }
}
