using System.IO;
using System.Linq;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Agent;
using EspriSsh.Core.Tests.Config;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Tools;
using EspriSsh.Core.Workflows.Setup;
using static EspriSsh.Core.Workflows.Setup.SetupStepStatus;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>
    /// Start-EspriSetup's Config step over configs that stand in the way (issue 23): a refused file,
    /// a line before the alias that changes it, a route to Jean Zay through another jump host. The
    /// control each time is what the real ssh -G makes of the same file.
    /// </summary>
    public sealed class SetupConfigStepTests : System.IDisposable
    {
        private const string Pass = "espri pass";
        private readonly TempDirectory home = new TempDirectory();

        public SetupConfigStepTests()
        {
            Directory.CreateDirectory(Ssh);
            SshKeygen.Make(Path.Combine(Ssh, "id_ed25519"), "ed25519", Pass);
        }

        private string Ssh => Path.Combine(home.Path, ".ssh");

        private string Config => Path.Combine(Ssh, "config");

        [RequiresToolsFact("ssh", "ssh-keygen")]
        public void AConfigSshRefusesFailsTheStepWithSshsReasonAndItsLineAndNothingIsWritten()
        {
            File.WriteAllText(Config, "# mine\nHost lab\n    Port eighty\n");
            byte[] before = File.ReadAllBytes(Config);
            Assert.False(SshGRun.Run(Config, "spirit1", new System.Collections.Generic.Dictionary<string, string> { ["HOME"] = home.Path }).Accepted);

            SetupStep step = Run(canPrompt: true).Step(SetupStepName.Config);

            Assert.Equal(Failed, step.Status);
            Assert.True(step.Detail.Contains("Bad port 'eighty'"), step.Detail);
            Assert.Contains($"{Config} line 3", step.Detail);
            Assert.Equal(before, File.ReadAllBytes(Config));
            Assert.Equal(new[] { "config" }, Directory.GetFiles(Ssh, "config*").Select(Path.GetFileName));
        }

        [RequiresToolsFact("ssh", "ssh-keygen")]
        public void ALineBeforeTheAliasThatChangesItIsNamedWithItsFileAndLine()
        {
            File.WriteAllText(Config, "# mine\nHostName gateway.example.org\n");

            SetupStep step = Run(canPrompt: true).Step(SetupStepName.Config);

            Assert.Equal("gateway.example.org", SshGRun.Settings(Config, "spirit1", home.Path)["hostname"]); // the control: ssh keeps the earlier line
            Assert.Equal(NeedsYou, step.Status);
            Assert.Contains($"{Config} line 2", step.Detail);
            Assert.Contains("HostName gateway.example.org", step.Detail);
            Assert.Contains("Host spirit1", File.ReadAllText(Config));
        }

        [RequiresToolsFact("ssh", "ssh-keygen")]
        public void ARouteToJeanZayThroughAnotherJumpHostIsKeptInAScriptAndTheStepSaysHowToSwapIt()
        {
            File.WriteAllText(Config, "Host jean-zay\n    HostName jean-zay.idris.fr\n    ProxyJump labproxy.example.org\n");

            SetupStep step = Run(canPrompt: false, jeanZayUser: "ujz01").Step(SetupStepName.Config);

            Assert.Equal("labproxy.example.org", SshGRun.Settings(Config, "jean-zay", home.Path)["proxyjump"]);
            Assert.Equal(NeedsYou, step.Status);
            Assert.Contains("labproxy.example.org", step.Detail);
            Assert.Contains("-ReplaceRoute", step.Next);
        }

        [RequiresToolsTheory("ssh", "ssh-keygen")]
        [InlineData(true, "spirit1")]
        [InlineData(false, "labproxy.example.org")]
        public void ARouteToJeanZayThroughAnotherJumpHostIsSwappedOnlyWhenThePersonSaysYes(bool yes, string jump)
        {
            File.WriteAllText(Config, "Host jean-zay\n    HostName jean-zay.idris.fr\n    ProxyJump labproxy.example.org\n");
            var ui = new ScriptedInteraction().AnswerSecrets(Pass).AnswerConfirmations(yes);

            SetupStep step = Run(ui, jeanZayUser: "ujz01").Step(SetupStepName.Config);

            Assert.Contains(ui.Asked, question => question.Contains("labproxy.example.org"));
            Assert.Equal(jump, SshGRun.Settings(Config, "jean-zay", home.Path)["proxyjump"]);
            Assert.Equal(yes ? Done : NeedsYou, step.Status);
        }

        public void Dispose() => home.Dispose();

        private SetupResult Run(bool canPrompt, string jeanZayUser = null) =>
            Run(new ScriptedInteraction { CanPrompt = canPrompt }.AnswerSecrets(Pass), jeanZayUser);

        private SetupResult Run(ScriptedInteraction ui, string jeanZayUser = null)
        {
            var request = new SetupRequest
            {
                User = "jdupont", JeanZayUser = jeanZayUser, SshDirectory = Ssh, HomeDirectory = home.Path, ReportDirectory = home.Path,
            };
            return new SetupWorkflow(ui, SiteProfileLoader.Default, new NoClipboard(), NoAgent.Create()).Run(request);
        }

        private sealed class NoClipboard : IClipboard
        {
            public ClipboardCopy Copy(string text) => ClipboardCopy.NotCopied("not in tests");
        }
    }
}
