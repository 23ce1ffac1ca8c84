using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Files;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Get-EspriKey: the keys of the ssh folder (or of the files and folders given), each judged as
    /// OpenSSH and the site would, with whether the agent holds it. Asks nothing, writes nothing. The
    /// agent is asked once per audit (a pipeline of paths is one audit); a missing ssh folder means no
    /// keys yet, not an error (audit scripts run on fresh computers).
    /// </summary>
    public sealed class KeyAuditWorkflow
    {
        private readonly IUserInteraction ui;
        private readonly SshAgent agent;
        private readonly SiteProfile site;
        private KeyInventoryOptions? options;

        public KeyAuditWorkflow(IUserInteraction ui, SiteProfile site, SshAgent? agent = null)
        {
            this.ui = ui;
            this.site = site;
            this.agent = agent ?? new SshAgent();
        }

        /// <summary>The keys of <paramref name="sshDirectory"/>: none, with a verbose note, when it does not exist yet.</summary>
        public IEnumerable<KeyEntry> InSshDirectory(string sshDirectory)
        {
            if (!Directory.Exists(sshDirectory))
            {
                ui.Verbose($"There is no ssh folder {UntrustedText.Quoted(sshDirectory)} yet: no keys (New-EspriKey makes the first).");
                return new KeyEntry[0];
            }

            return At(sshDirectory);
        }

        /// <summary>The keys of a file or folder (KeyFileNotFound when it does not exist); a folder others may write to is warned about.</summary>
        public IEnumerable<KeyEntry> At(string path)
        {
            if (Directory.Exists(path))
            {
                foreach (string warning in SshFolderSafety.Warnings(path))
                {
                    ui.Warn(warning);
                }
            }

            options ??= new KeyInventoryOptions(site) { AgentFingerprints = agent.LoadedFingerprints() };
            return KeyInventory.Scan(path, options);
        }
    }
}
