using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Connection;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Workflows;
using EspriSsh.Core.Workflows.Setup;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>
    /// Start-EspriSetup's steps compose the cmdlets' workflows: each change is confirmed once, with the
    /// question the cmdlet asks for the same change, and nothing is approved behind the user's back.
    /// </summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class WorkflowCompositionTests
    {
        private readonly PuttygenKeys puttygen;

        public WorkflowCompositionTests(PuttygenKeys puttygen) => this.puttygen = puttygen;

        [Fact]
        public void TheSetupAsksForItsNewKeyWhatNewEspriKeyAsksAndNothingMoreUnderWhatIf()
        {
            using var setupHome = new TempDirectory();
            using var cmdletHome = new TempDirectory();
            var setup = new ScriptedInteraction { Proceed = false };
            var cmdlet = new ScriptedInteraction { Proceed = false };

            Setup(setupHome, setup);
            new NewKeyWorkflow(cmdlet, SiteProfileLoader.Default).Run(new KeyCreationRequest { SshDirectory = Ssh(cmdletHome) }, PassphraseChoice.Ask);

            var key = Assert.Single(setup.ShouldProcessCalls, c => c.Target == Path.Combine(Ssh(setupHome), "id_ed25519"));
            var asked = Assert.Single(cmdlet.ShouldProcessCalls);
            Assert.Equal(asked.Action.Replace(cmdletHome.Path, setupHome.Path), key.Action);
            Assert.Empty(setup.Asked);
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void TheSetupInstallsAPuttyKeyWithInstallEspriKeysQuestionAskedOnceAndItsPassphraseAskedOnce()
        {
            using var setupHome = new TempDirectory();
            using var cmdletHome = new TempDirectory();
            string ppk = OnDesktop(setupHome, "meso_key.ppk");
            var setup = new ScriptedInteraction().AnswerSecrets("espri pass");
            var cmdlet = new ScriptedInteraction { Proceed = false };

            SetupResult result = Setup(setupHome, setup);
            new InstallKeyWorkflow(cmdlet, SiteProfileLoader.Default, NoAgent.Create()).Run(new InstallKeyRequest { Source = ppk, SshDirectory = Ssh(cmdletHome) });

            string installed = Path.Combine(Ssh(setupHome), "id_ed25519");
            Assert.Equal(SetupStepStatus.Done, result.Step(SetupStepName.Key).Status);
            var key = Assert.Single(setup.ShouldProcessCalls, c => c.Target == installed);
            var asked = Assert.Single(cmdlet.ShouldProcessCalls);
            Assert.Equal(asked.Action.Replace(cmdletHome.Path, setupHome.Path), key.Action);
            Assert.Single(setup.Asked);
            Assert.Equal(puttygen.PublicLine(ppk).Split(' ')[1], File.ReadAllText(installed + ".pub").Split(' ')[1]);
        }

        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void AHostKeyRecordedByTheTestIsSaidWithItsFingerprintAsSshSaysPermanentlyAdded()
        {
            using var dir = new TempDirectory();
            string key = dir.File("id_ed25519");
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
            using var sshd = new TestSshd(new[] { File.ReadAllText(key + ".pub") });
            var ui = new ScriptedInteraction();
            var request = new ConnectionTestRequest
            {
                HostName = "127.0.0.1", Port = sshd.Port, User = TestSshd.User, IdentityFiles = new[] { key }, SshDirectory = dir.Path,
                Timeout = TimeSpan.FromSeconds(20),
            };

            ConnectionTestResult result = new ConnectionTestWorkflow(ui, SiteProfileLoader.Default, NoAgent.Create()).Run(request, acceptNewHostKey: true, passphrase: null);

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            File.WriteAllText(dir.File("server.pub"), sshd.KnownHostsLine + "\n");
            string fingerprint = ExternalTool.Check("ssh-keygen", "-l", "-E", "sha256", "-f", dir.File("server.pub")).Split(' ')[1];
            string said = Assert.Single(ui.Information, i => i.StartsWith("Permanently added", StringComparison.Ordinal));
            Assert.Contains($"\n  [127.0.0.1]:{sshd.Port} ED25519 {fingerprint}\n", said);
            Assert.EndsWith("in " + dir.File("known_hosts"), said);
            Assert.Single(ui.ShouldProcessCalls, c => c.Target == dir.File("known_hosts"));
        }

        [Fact]
        public void AnAuditOfAComputerWithoutSshFolderFindsNoKeyAndSaysWhy()
        {
            using var home = new TempDirectory();
            var ui = new ScriptedInteraction();

            var keys = new KeyAuditWorkflow(ui, SiteProfileLoader.Default, NoAgent.Create()).InSshDirectory(Path.Combine(home.Path, ".ssh")).ToList();

            Assert.Empty(keys);
            Assert.Contains(ui.VerboseLines, l => l.Contains("no keys"));
            Assert.Throws<Core.Errors.EspriException>(() => new KeyAuditWorkflow(ui, SiteProfileLoader.Default, NoAgent.Create()).At(Path.Combine(home.Path, ".ssh")));
        }

        private static string Ssh(TempDirectory home) => Path.Combine(home.Path, ".ssh");

        private static SetupResult Setup(TempDirectory home, ScriptedInteraction ui)
        {
            Directory.CreateDirectory(Ssh(home));
            var request = new SetupRequest { User = "jdupont", SshDirectory = Ssh(home), HomeDirectory = home.Path, ReportDirectory = home.Path };
            return new SetupWorkflow(ui, SiteProfileLoader.Default, new NoClipboard(), NoAgent.Create()).Run(request);
        }

        private string OnDesktop(TempDirectory home, string name)
        {
            string ppk = Path.Combine(Directory.CreateDirectory(Path.Combine(home.Path, "Desktop")).FullName, name);
            File.Copy(puttygen.Variant("ed25519", "espri pass", "", "meso key"), ppk);
            return ppk;
        }

        private sealed class NoClipboard : Core.Tools.IClipboard
        {
            public Core.Tools.ClipboardCopy Copy(string text) => Core.Tools.ClipboardCopy.NotCopied("no clipboard in this test");
        }
    }
}
