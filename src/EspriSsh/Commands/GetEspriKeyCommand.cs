using System.Collections.Generic;
using System.Management.Automation;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Workflows;

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

        // One audit for the whole pipeline: the agent is asked once.
        private KeyAuditWorkflow? audit;

        protected override void ProcessRecord()
        {
            if (audit == null && !TryRun(() => audit = new KeyAuditWorkflow(Interaction, Site)))
            {
                return;
            }

            if (Path == null)
            {
                TryRun(() => Write(audit!.InSshDirectory(ResolveSshDirectory(SshDirectory))));
                return;
            }

            foreach (string path in Path)
            {
                TryRun(() => Write(audit!.At(ResolvePath(path))));
            }
        }

        private void Write(IEnumerable<KeyEntry> entries)
        {
            foreach (KeyEntry entry in entries)
            {
                WriteTyped(entry, "EspriSsh.KeyEntry");
            }
        }
    }
}
