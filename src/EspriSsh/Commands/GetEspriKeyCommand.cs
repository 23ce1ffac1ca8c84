using System.IO;
using System.Management.Automation;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Files;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Commands
{
    /// <summary>
    /// Lists the keys of the ssh folder (or of the given files/folders) with what OpenSSH and the site
    /// think of each; never asks for a passphrase.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EspriKey")]
    [OutputType(typeof(KeyEntry))]
    public sealed class GetEspriKeyCommand : EspriCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        // Asked once per pipeline: the agent's key list is a round trip to the agent.
        private KeyInventoryOptions? options;

        protected override void ProcessRecord()
        {
            if (options == null && !TryRun(() => options = new KeyInventoryOptions(Site) { AgentFingerprints = new SshAgent().LoadedFingerprints() }))
            {
                return;
            }

            if (Path == null && !Directory.Exists(ResolveSshDirectory(SshDirectory)))
            {
                // No ssh folder yet: no keys (New-EspriKey makes the first), not an error for audit scripts.
                WriteVerbose($"There is no ssh folder '{ResolveSshDirectory(SshDirectory)}' yet: no keys.");
                return;
            }

            foreach (string path in Path ?? new[] { ResolveSshDirectory(SshDirectory) })
            {
                TryRun(() =>
                {
                    string resolved = ResolvePath(path);
                    if (Directory.Exists(resolved))
                    {
                        foreach (string warning in SshFolderSafety.Warnings(resolved))
                        {
                            WriteWarning(warning);
                        }
                    }

                    foreach (KeyEntry entry in KeyInventory.Scan(resolved, options!))
                    {
                        WriteTyped(entry, "EspriSsh.KeyEntry");
                    }
                });
            }
        }
    }
}
