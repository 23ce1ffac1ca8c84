using System.IO;
using System.Management.Automation;
using EspriSsh.Core.Config;
using EspriSsh.Core.Site;

namespace EspriSsh.Commands
{
    /// <summary>The parameters Set-EspriSshConfig and Test-EspriSshConfig share, and the plan they both compute.</summary>
    public abstract class SshConfigCommandBase : EspriCmdlet
    {
        /// <summary>Your ESPRI login.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string User { get; set; } = "";

        /// <summary>The head node alias to write (default: the site's default, spirit1).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.HeadNodeCompleter))]
        public string? HeadNode { get; set; }

        /// <summary>Your IDRIS login; writes the jean-zay alias too.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? JeanZayUser { get; set; }

        /// <summary>The private key to use (default ~/.ssh/id_ed25519), written as given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string IdentityFile { get; set; } = SshConfigRequest.DefaultIdentityFile;

        [Parameter]
        public SwitchParameter ForwardX11 { get; set; }

        /// <summary>The config file (default: config in the ssh directory).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SshDirectory { get; set; }

        [Parameter]
        public SwitchParameter UseProxyCommand { get; set; }

        [Parameter]
        public SwitchParameter DisableForwardAgentAll { get; set; }

        /// <summary>Replace the way your config reaches Jean Zay today (another jump host) by the head node.</summary>
        [Parameter]
        public SwitchParameter ReplaceRoute { get; set; }

        /// <summary>The edit planned and checked by ssh; <paramref name="asking"/> asks before replacing a route to Jean Zay (Set only).</summary>
        protected SshConfigEditPlan PlanEdit(bool asking)
        {
            string path = Core.Files.SshDirectory.ConfigFile(ResolveSshDirectory(SshDirectory), ConfigPath == null ? null : ResolvePath(ConfigPath));
            var request = new SshConfigRequest
            {
                User = User,
                HeadNode = HeadNode,
                JeanZayUser = JeanZayUser,
                IdentityFile = IdentityFile,
                ForwardX11 = ForwardX11.IsPresent,
                UseProxyCommand = UseProxyCommand.IsPresent,
                DisableForwardAgentAll = DisableForwardAgentAll.IsPresent,
                ReplaceRoute = ReplaceRoute.IsPresent,
            };
            var workflow = new Core.Workflows.ConfigWorkflow(Interaction, Site);
            return asking ? workflow.PlanAsking(path, request) : workflow.Plan(path, request, checkResult: false);
        }
    }
}
