using System.Management.Automation;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Commands
{
    /// <summary>Checks (and repairs) the public key line a user is about to paste in the account form.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "EspriPublicKey", DefaultParameterSetName = LineSet)]
    [OutputType(typeof(PublicKeyCheck))]
    public sealed class TestEspriPublicKeyCommand : EspriCmdlet
    {
        private const string LineSet = "Line";
        private const string PathSet = "Path";

        /// <summary>The pasted text (one line, several lines, or a whole block).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = LineSet)]
        [AllowEmptyString]
        [Binding.TextFromPipeline("public key lines, or files (Get-ChildItem *.pub) and keys (Get-EspriKey, New-EspriKey) whose .pub it reads",
            nameof(PublicKeyPath), "FullName", "PSPath", "Path",
            WhenEmpty = "The key '{0}' has no public key file (.pub) next to it. Write it (the key itself is left as it is): Install-EspriKey -Path '{0}' -Destination '{0}'")]
        public string Line { get; set; } = "";

        /// <summary>
        /// A file holding the key (.pub, a PuTTYgen public key file, or a .ppk by mistake). Named so that
        /// keys from Get-EspriKey and New-EspriKey bind their .pub (PublicKeyPath), never their private file (Path).
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
        [Alias("Path", "FullName", "PSPath")]
        public string PublicKeyPath { get; set; } = "";

        protected override void ProcessRecord()
        {
            TryRun(() =>
            {
                SiteProfile site = Site;
                PublicKeyCheck check = ParameterSetName == PathSet
                    ? PublicKeyPasteChecker.CheckFile(ResolvePath(PublicKeyPath), site)
                    : PublicKeyPasteChecker.Check(Line, "(text)", site);
                foreach (PublicKeyProblem problem in check.Problems)
                {
                    if (problem.Code == "PrivateKey" || problem.Code == "PpkFile")
                    {
                        WriteWarning(problem.Message);
                    }
                }

                WriteTyped(check, "EspriSsh.PublicKeyCheck");
            });
        }
    }
}
