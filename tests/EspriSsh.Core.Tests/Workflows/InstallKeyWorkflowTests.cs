using System.IO;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Workflows;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>Install-EspriKey's whole workflow on ssh-keygen keys, driven with scripted answers.</summary>
    public class InstallKeyWorkflowTests
    {
        private static KeyInfo Install(ScriptedInteraction ui, InstallKeyRequest request) =>
            new InstallKeyWorkflow(ui, SiteProfileLoader.Default, NoAgent.Create()).Run(request);

        [RequiresToolsFact(SshKeygen.Tool)]
        public void AnEncryptedPemIsOpenedFirstToLearnItsPublicHalfThenInstalledWithItsPassphrase()
        {
            using var from = new TempDirectory();
            using var ssh = new TempDirectory();
            string source = SshKeygen.Make(from, "laptop_rsa", "rsa", "pem pass", "-m", "PEM", "-b", "2048");
            var ui = new ScriptedInteraction().AnswerSecrets("pem pass");

            KeyInfo info = Install(ui, new InstallKeyRequest { Source = source, SshDirectory = ssh.Path });

            Assert.Equal(ssh.File("id_rsa"), info.Path);
            Assert.True(info.Encrypted);
            Assert.Equal(SshKeygen.PublicLineWithoutComment(source + ".pub"), SshKeygen.PublicFromPrivate(info.Path, "pem pass"));
            Assert.Single(ui.ShouldProcessCalls);
            Assert.Contains(ui.Warnings, w => w.Contains("tolerated") || w.Contains("refused"));
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void TheSameKeyAgainIsAlreadyInstalledAndNothingIsWritten()
        {
            using var ssh = new TempDirectory();
            string source = SshKeygen.Make(ssh, "id_ed25519", "ed25519", "pw");
            byte[] before = File.ReadAllBytes(source);
            var ui = new ScriptedInteraction();

            KeyInfo info = Install(ui, new InstallKeyRequest { Source = source, SshDirectory = ssh.Path });

            Assert.Equal(source, info.Path);
            Assert.Contains(ui.Warnings, w => w.Contains("already holds this key"));
            Assert.Empty(ui.ShouldProcessCalls);
            Assert.Equal(before, File.ReadAllBytes(source));
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void DeclinedUnderWhatIfNothingIsAskedNorWritten()
        {
            using var from = new TempDirectory();
            using var ssh = new TempDirectory();
            string source = SshKeygen.Make(from, "laptop", "ed25519", "pw");
            var ui = new ScriptedInteraction { Proceed = false };

            Assert.Null(Install(ui, new InstallKeyRequest { Source = source, SshDirectory = ssh.Path, AddToAgent = true }));

            Assert.Empty(ui.Asked);
            Assert.Empty(Directory.GetFiles(ssh.Path));
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void NonInteractiveANewPassphraseOnAnEncryptedKeyIsPassphraseRequired()
        {
            using var from = new TempDirectory();
            using var ssh = new TempDirectory();
            string source = SshKeygen.Make(from, "laptop", "ed25519", "pw");
            var ui = new ScriptedInteraction { CanPrompt = false };
            using var newPassphrase = new Secret(Encoding.UTF8.GetBytes("new"));

            var ex = Assert.Throws<PassphraseRequiredException>(() => Install(ui, new InstallKeyRequest { Source = source, SshDirectory = ssh.Path, NewPassphrase = newPassphrase }));

            Assert.Equal(source, ex.Target);
            Assert.Empty(Directory.GetFiles(ssh.Path));
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void AKeyWithoutPassphraseIsInstalledWithAWarningThatSaysHowToProtectIt()
        {
            using var from = new TempDirectory();
            using var ssh = new TempDirectory();
            string source = SshKeygen.Make(from, "laptop", "ed25519", "");
            var ui = new ScriptedInteraction();

            KeyInfo info = Install(ui, new InstallKeyRequest { Source = source, SshDirectory = ssh.Path, AddToAgent = true });

            Assert.False(info.Encrypted);
            Assert.Contains(ui.Warnings, w => w.Contains("has no passphrase") && w.Contains("-NewPassphrase"));
            Assert.Contains(ui.Warnings, w => w.StartsWith($"'{info.Path}' was not added to an agent"));
            Assert.Empty(ui.Asked);
        }

        [RequiresToolsFact(SshKeygen.Tool)]
        public void ThreeWrongPassphrasesForTheAgentEndWithKeyWrongPassphraseAndNothingWritten()
        {
            using var from = new TempDirectory();
            using var ssh = new TempDirectory();
            string source = SshKeygen.Make(from, "laptop", "ed25519", "pw");
            var ui = new ScriptedInteraction().AnswerSecrets("a", "b", "c");

            var ex = Assert.Throws<WrongPassphraseException>(() => Install(ui, new InstallKeyRequest { Source = source, SshDirectory = ssh.Path, AddToAgent = true }));

            Assert.Equal(ErrorIds.KeyWrongPassphrase, ex.ErrorId);
            Assert.Empty(Directory.GetFiles(ssh.Path));
        }
    }
}
