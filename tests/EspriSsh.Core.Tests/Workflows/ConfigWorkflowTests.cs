using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Config;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>Set-EspriSshConfig's workflow with a person (or a script) on the other side, checked with the real ssh -G.</summary>
    public class ConfigWorkflowTests
    {
        private const string LabRoute = "Host jean-zay\n  HostName jean-zay.idris.fr\n  User ujz01\n  ProxyJump labproxy.example.org\n";

        private static (TempDirectory Home, string Config, SshResolveOptions Options) Sandbox(string content)
        {
            var home = new TempDirectory();
            Directory.CreateDirectory(home.File(".ssh"));
            string config = home.File(".ssh/config");
            File.WriteAllText(config, content);
            return (home, config, new SshResolveOptions { Home = home.Path, LocalUser = "me" });
        }

        private static SshConfigRequest Request() => new SshConfigRequest { User = "alice", JeanZayUser = "ujz01" };

        /// <summary>What Set-EspriSshConfig does: plan (asking about the route), then apply.</summary>
        private static ConfigChange Run(ScriptedInteraction ui, string config, SshResolveOptions options)
        {
            var workflow = new ConfigWorkflow(ui, SiteProfileLoader.Default);
            return workflow.Apply(workflow.PlanAsking(config, Request(), options))!;
        }

        [RequiresToolsTheory("ssh")]
        [InlineData(true, "spirit1")]
        [InlineData(false, "labproxy.example.org")]
        public void TheRouteToJeanZayIsReplacedOnlyWhenThePersonSaysYes(bool yes, string jump)
        {
            var (home, config, options) = Sandbox(LabRoute);
            using (home)
            {
                var ui = new ScriptedInteraction().AnswerConfirmations(yes);
                ConfigChange change = Run(ui, config, options);
                Assert.True(ui.AllAnswersUsed);
                Assert.Contains("labproxy.example.org", ui.Asked.Single());
                Assert.Equal(jump, SshGRun.Settings(config, "jean-zay", home.Path)["proxyjump"]);
                Assert.Equal(!yes, change.KeptRoute != null);
                Assert.Equal(yes, change.Satisfied);
            }
        }

        [RequiresToolsFact("ssh")]
        public void InAScriptTheRouteIsKeptAndNothingIsAsked()
        {
            var (home, config, options) = Sandbox(LabRoute);
            using (home)
            {
                var ui = new ScriptedInteraction { CanPrompt = false };
                ConfigChange change = Run(ui, config, options);
                Assert.Empty(ui.Asked);
                Assert.Equal("labproxy.example.org", SshGRun.Settings(config, "jean-zay", home.Path)["proxyjump"]);
                Assert.Equal("ProxyJump labproxy.example.org", change.KeptRoute!.Route);
                Assert.Contains(ui.Warnings, w => w.Contains("-ReplaceRoute"));
                Assert.False(change.Satisfied);
            }
        }

        [RequiresToolsFact("ssh")]
        public void AConfigSshRefusesIsNotWrittenAndTheErrorIsSshs()
        {
            var (home, config, options) = Sandbox("Host *\n  UseKeychain yes\n");
            using (home)
            {
                var ui = new ScriptedInteraction();
                var error = Assert.Throws<EspriException>(() => Run(ui, config, options));
                Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
                Assert.Contains("line 2: Bad configuration option: usekeychain", error.Message);
                Assert.Equal(config + " line 2", error.Target);
                Assert.Empty(ui.ShouldProcessCalls);
                Assert.Equal("Host *\n  UseKeychain yes\n", File.ReadAllText(config));
            }
        }
    }
}
