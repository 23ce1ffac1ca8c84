using System.IO;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>Convert-PpkKey's whole workflow on puttygen keys, driven with scripted answers; ssh-keygen judges the result.</summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class ConvertKeyWorkflowTests
    {
        private readonly PuttygenKeys keys;

        public ConvertKeyWorkflowTests(PuttygenKeys keys) => this.keys = keys;

        private static ConvertKeyWorkflow Workflow(ScriptedInteraction ui) => new ConvertKeyWorkflow(ui, SiteProfileLoader.Default, NoAgent.Create());

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void ThreeWrongPassphrasesEndWithPpkWrongPassphraseAndNothingWritten()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("ed25519", "right", "memory=64,passes=1");
            var ui = new ScriptedInteraction().AnswerSecrets("wrong 1", "wrong 2", "wrong 3");

            var ex = Assert.Throws<WrongPassphraseException>(() => Workflow(ui).Run(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, null, null, false));

            Assert.Equal(ErrorIds.PpkWrongPassphrase, ex.ErrorId);
            Assert.Equal(3, ui.Asked.Count);
            Assert.Empty(Directory.GetFiles(ssh.Path));
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void TheRightPassphraseOnTheSecondTryIsKeptForTheOpenSshKey()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("ed25519", "right", "memory=64,passes=1");
            var ui = new ScriptedInteraction().AnswerSecrets("wrong", "right");

            KeyInfo info = Workflow(ui).Run(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, null, null, false);

            Assert.Equal(ssh.File("id_ed25519"), info.Path);
            Assert.True(info.Encrypted);
            Assert.Equal(SshKeygen.WithoutComment(keys.PublicLine(source)), SshKeygen.PublicFromPrivate(info.Path, "right"));
            Assert.Contains(ui.ProgressReports, p => p.Status == "Checking the passphrase (Argon2)");
            Assert.True(ui.AllAnswersUsed);
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void AnUnprotectedSourceGetsANewPassphraseTypedTwice()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("ed25519", "", "");
            var ui = new ScriptedInteraction().AnswerSecrets("new pass", "new pass");

            KeyInfo info = Workflow(ui).Run(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, null, null, false);

            Assert.True(info.Encrypted);
            Assert.Equal(SshKeygen.WithoutComment(keys.PublicLine(source)), SshKeygen.PublicFromPrivate(info.Path, "new pass"));
            Assert.Equal(2, ui.Asked.Count);
        }

        [RequiresToolsFact("puttygen")]
        public void DeclinedUnderWhatIfNothingIsAskedNorWritten()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("ed25519", "right", "memory=64,passes=1");
            var ui = new ScriptedInteraction { Proceed = false };

            Assert.Null(Workflow(ui).Run(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, null, null, false));

            Assert.Empty(ui.Asked);
            Assert.Empty(Directory.GetFiles(ssh.Path));
        }

        [RequiresToolsFact("puttygen")]
        public void NonInteractiveAnEncryptedSourceWithoutPassphraseIsPassphraseRequired()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("ed25519", "right", "memory=64,passes=1");
            var ui = new ScriptedInteraction { CanPrompt = false };

            var ex = Assert.Throws<PassphraseRequiredException>(() => Workflow(ui).Run(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, null, null, false));

            Assert.Equal(source, ex.Target);
            Assert.Empty(Directory.GetFiles(ssh.Path));
        }

        [RequiresToolsFact("puttygen")]
        public void WithoutAnAgentTheKeyIsStillConvertedAndAWarningSaysWhy()
        {
            using var ssh = new TempDirectory();
            string source = keys.Variant("ed25519", "", "");
            var ui = new ScriptedInteraction();

            KeyInfo info = Workflow(ui).Run(new KeyConversionRequest { SourcePath = source, SshDirectory = ssh.Path }, null, PassphraseChoice.None, addToAgent: true);

            Assert.True(File.Exists(info.Path));
            Assert.Contains(ui.Warnings, w => w.StartsWith($"'{info.Path}' was not added to an agent") && w.Contains("SSH_AUTH_SOCK is not set"));
        }
    }
}
