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

        /// <summary>
        /// Lines named as the user finds them: the section a block was moved above as the file was, the
        /// kept route as the file now is (the spirit1 block went in above it and the jean-zay block moved).
        /// </summary>
        [RequiresToolsFact("ssh")]
        public void TheLinesNamedAreTheLinesOfTheUsersFile()
        {
            var (home, config, options) = Sandbox("Host *\n  ServerAliveInterval 30\n\n" + LabRoute);
            using (home)
            {
                var ui = new ScriptedInteraction { CanPrompt = false };
                ConfigChange change = Run(ui, config, options);
                Assert.Equal("labproxy.example.org", SshGRun.Settings(config, "jean-zay", home.Path)["proxyjump"]);
                Assert.Contains(change.Warnings, w => w.Contains($"Host jean-zay came after a section ssh reads first ({config} line 1)"));
                Assert.Equal(config, change.KeptRoute!.Location!.File);
                Assert.Equal("ProxyJump labproxy.example.org", File.ReadAllLines(config)[change.KeptRoute.Location.Line - 1].Trim());
                Assert.Contains(ui.Warnings, w => w.Contains($"({change.KeptRoute.Location})"));
            }
        }

        /// <summary>ssh refuses some configs for one host only: for jean-zay, while spirit1 is fine (the control, both ways).</summary>
        [RequiresToolsTheory("ssh")]
        [InlineData("Host jean-zay\n  ConnectionAttempts 0\n", "Invalid number of ConnectionAttempts")]
        [InlineData("Host jean-zay\n  User ujz01\n  ProxyJump jean-zay\n", "jumphost loop via jean-zay")]
        public void AConfigSshRefusesForJeanZayAloneIsRefusedToo(string content, string reason)
        {
            var (home, config, options) = Sandbox(content);
            using (home)
            {
                SshGRun.Settings(config, "spirit1", home.Path);
                SshGRun jeanZay = SshGRun.Run(config, "jean-zay", new System.Collections.Generic.Dictionary<string, string> { ["HOME"] = home.Path });
                Assert.False(jeanZay.Accepted);
                Assert.Contains(reason, jeanZay.Error);

                var error = Assert.Throws<EspriException>(() => Run(new ScriptedInteraction(), config, options));
                Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
                Assert.Contains(reason, error.Message);
                Assert.Equal(content, File.ReadAllText(config));
                SshConfigEditPlan asTestEspriSshConfigReadsIt = new ConfigWorkflow(new ScriptedInteraction(), SiteProfileLoader.Default).Plan(config, Request(), options, checkResult: false);
                Assert.Contains(reason, asTestEspriSshConfigReadsIt.Refusal!.Reason);
            }
        }

        /// <summary>
        /// A file ssh accepts that the edit would turn into one it refuses: a global HostName spirit1
        /// makes jean-zay's jump through spirit1 a loop for ssh. Nothing is written; the control is
        /// ssh's verdict on the file before and on the edited text.
        /// </summary>
        [RequiresToolsFact("ssh")]
        public void AnEditSshWouldRefuseIsNotWritten()
        {
            const string Content = "HostName spirit1\n";
            var (home, config, options) = Sandbox(Content);
            using (home)
            {
                SshGRun.Settings(config, "spirit1", home.Path);
                SshGRun.Settings(config, "jean-zay", home.Path);
                string edited = home.File("edited");
                File.WriteAllBytes(edited, new ConfigWorkflow(new ScriptedInteraction(), SiteProfileLoader.Default).Plan(config, Request(), options, checkResult: false).NewBytes);
                Assert.Contains("jumphost loop via spirit1", SshGRun.Run(edited, "jean-zay", new System.Collections.Generic.Dictionary<string, string> { ["HOME"] = home.Path }).Error);

                var error = Assert.Throws<EspriException>(() => Run(new ScriptedInteraction(), config, options));
                Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
                Assert.Contains($"The edit of '{config}' was not written", error.Message);
                Assert.Contains("jumphost loop via spirit1", error.Message);
                Assert.Equal(Content, File.ReadAllText(config));
                Assert.False(File.Exists(config + ".bak"));
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
