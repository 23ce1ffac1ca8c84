using System.Management.Automation;
using EspriSsh.Core.Site;

namespace EspriSsh.Commands
{
    /// <summary>Shows the site profile the module works with: hosts, roles, key policy, support.</summary>
    [Cmdlet(VerbsCommon.Get, "EspriSite")]
    [OutputType(typeof(SiteProfile))]
    public sealed class GetEspriSiteCommand : EspriCmdlet
    {
        /// <summary>A JSON profile to load instead of the built-in ESPRI one.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                // A copy: changing what is shown must not change what the other commands accept.
                SiteProfile profile = Path == null ? Site : SiteProfileLoader.Load(ResolvePath(Path));
                WriteTyped(profile.Copy(), "EspriSsh.SiteProfile");
            });
        }
    }
}
