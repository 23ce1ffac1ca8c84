using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>New-EspriKey's whole workflow driven with scripted answers; ssh-keygen judges the result.</summary>
    public class NewKeyWorkflowTests
    {
        private static KeyCreationRequest Request(TempDirectory dir, int rounds = 2) =>
            new KeyCreationRequest { SshDirectory = dir.Path, Comment = "test", Rounds = rounds };

        [RequiresToolsFact(SshKeygen.Tool)]
        public void InteractiveTheUserTypesThePassphraseTwiceAndSshKeygenOpensTheKeyWithIt()
        {
            using var dir = new TempDirectory();
            var ui = new ScriptedInteraction().AnswerSecrets("first try", "typo", "pass phrase", "pass phrase");

            KeyInfo info = new NewKeyWorkflow(ui, SiteProfileLoader.Default).Run(Request(dir), PassphraseChoice.Ask);

            Assert.Equal(dir.File("id_ed25519"), info.Path);
            Assert.True(info.Encrypted);
            Assert.Equal(SshKeygen.PublicLineWithoutComment(info.PublicKeyPath), SshKeygen.PublicFromPrivate(info.Path, "pass phrase"));
            var (target, action, _) = Assert.Single(ui.ShouldProcessCalls);
            Assert.Equal(info.Path, target);
            Assert.StartsWith("Create a new Ed25519 key pair", action);
            Assert.Equal(new[] { "The two passphrases differ. Try again." }, ui.Warnings);
            Assert.True(ui.AllAnswersUsed);
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void AKeyUnderAnotherNameSaysHowToMakeSshUseIt()
        {
            using var dir = new TempDirectory();
            var workflow = new NewKeyWorkflow(new ScriptedInteraction(), SiteProfileLoader.Default);
            using var given = new Core.Interaction.Secret(System.Text.Encoding.UTF8.GetBytes("pass phrase"));

            KeyInfo usual = workflow.Run(Request(dir), PassphraseChoice.Given(given));
            KeyCreationRequest other = Request(dir);
            other.Path = dir.File("id_espri");
            KeyInfo elsewhere = workflow.Run(other, PassphraseChoice.Given(given));

            Assert.Null(usual.Next);
            Assert.Contains($"Set-EspriSshConfig -User <your login> -IdentityFile '{elsewhere.Path}'", elsewhere.Next);
        }

        [Fact]
        public void DeclinedUnderWhatIfNothingIsAskedNorWritten()
        {
            using var dir = new TempDirectory();
            var ui = new ScriptedInteraction { Proceed = false };

            Assert.Null(new NewKeyWorkflow(ui, SiteProfileLoader.Default).Run(Request(dir), PassphraseChoice.Ask));

            Assert.Empty(ui.Asked);
            Assert.Empty(Directory.GetFiles(dir.Path));
        }

        [Fact]
        public void NonInteractiveWithoutPassphraseIsPassphraseRequiredAndNothingIsWritten()
        {
            using var dir = new TempDirectory();
            var ui = new ScriptedInteraction { CanPrompt = false };

            var ex = Assert.Throws<PassphraseRequiredException>(() => new NewKeyWorkflow(ui, SiteProfileLoader.Default).Run(Request(dir), PassphraseChoice.Ask));

            Assert.Equal(dir.File("id_ed25519"), ex.Target);
            Assert.Empty(Directory.GetFiles(dir.Path));
        }

        [Fact]
        public void AnExistingKeyIsRefusedBeforeAnythingIsAsked()
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("id_ed25519"), "registered key");
            var ui = new ScriptedInteraction();

            var ex = Assert.Throws<EspriException>(() => new NewKeyWorkflow(ui, SiteProfileLoader.Default).Run(Request(dir), PassphraseChoice.Ask));

            Assert.Equal(ErrorIds.KeyFileExists, ex.ErrorId);
            Assert.Empty(ui.Asked);
            Assert.Equal("registered key", File.ReadAllText(dir.File("id_ed25519")));
        }

        [Fact]
        public void ManyRoundsShowProgressThatEnds()
        {
            using var dir = new TempDirectory();
            var ui = new ScriptedInteraction().AnswerSecrets("pw", "pw");

            new NewKeyWorkflow(ui, SiteProfileLoader.Default).Run(Request(dir, rounds: 64), PassphraseChoice.Ask);

            Assert.Contains(ui.ProgressReports, p => p.Status.StartsWith("Protecting the key") && p.Fraction > 0.9);
            Assert.Equal(new[] { NewKeyWorkflow.Activity }, ui.ProgressDoneActivities);
        }

        [Fact]
        public void NoPassphraseWritesAnUnencryptedKeyWithTheSitesWarning()
        {
            using var dir = new TempDirectory();
            var ui = new ScriptedInteraction();

            KeyInfo info = new NewKeyWorkflow(ui, SiteProfileLoader.Default).Run(Request(dir), PassphraseChoice.None);

            Assert.False(info.Encrypted);
            Assert.Contains(ui.Warnings, w => w.Contains("will have no passphrase"));
            Assert.Empty(ui.Asked);
        }
    }
}
