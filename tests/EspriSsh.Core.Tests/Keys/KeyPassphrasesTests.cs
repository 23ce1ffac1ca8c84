using System.Linq;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>The passphrase policy, driven through the interaction seam with scripted answers.</summary>
    public class KeyPassphrasesTests
    {
        private const string KeyPath = "/home/u/.ssh/id_ed25519";

        [Fact]
        public void ANewKeyPassphraseIsTypedTwiceUntilBothMatchAndIsNeverEmpty()
        {
            var ui = new ScriptedInteraction().AnswerSecrets("one", "other", "", "", "good pass", "good pass");

            using Secret passphrase = KeyPassphrases.ForNewKey(ui, PassphraseChoice.Ask, KeyPath);

            Assert.Equal("good pass", Encoding.UTF8.GetString(passphrase.Utf8));
            Assert.Equal(6, ui.Asked.Count);
            Assert.Equal(new[] { "The two passphrases differ. Try again.", "The site requires a passphrase. Type one (it is never shown), or stop and use -NoPassphrase." }, ui.Warnings);
            Assert.True(ui.AllAnswersUsed);
        }

        [Fact]
        public void NoPassphraseOrAnEmptyGivenOneWritesUnencryptedWithAWarningAndAsksNothing()
        {
            var ui = new ScriptedInteraction();
            using var empty = new Secret(new byte[0]);

            Assert.Null(KeyPassphrases.ForNewKey(ui, PassphraseChoice.None, KeyPath));
            Assert.Null(KeyPassphrases.ForNewKey(ui, PassphraseChoice.Given(empty), KeyPath));

            Assert.Empty(ui.Asked);
            Assert.Equal(2, ui.Warnings.Count(w => w.Contains("will have no passphrase") && w.Contains(KeyAdvice.AddPassphrase(KeyPath))));
        }

        [Fact]
        public void AGivenPassphraseIsACopyTheCallerOwns()
        {
            var ui = new ScriptedInteraction();
            var given = new Secret(Encoding.UTF8.GetBytes("given"));

            using Secret passphrase = KeyPassphrases.ForNewKey(ui, PassphraseChoice.Given(given), KeyPath);
            given.Dispose();

            Assert.Equal("given", Encoding.UTF8.GetString(passphrase.Utf8));
            Assert.Empty(ui.Asked);
        }

        [Fact]
        public void NonInteractiveANewKeyWithoutPassphraseIsPassphraseRequired()
        {
            var ui = new ScriptedInteraction { CanPrompt = false };

            var ex = Assert.Throws<PassphraseRequiredException>(() => KeyPassphrases.ForNewKey(ui, PassphraseChoice.Ask, KeyPath));

            Assert.Equal(ErrorIds.PassphraseRequired, ex.ErrorId);
            Assert.Equal(KeyPath, ex.Target);
            Assert.Contains("-NoPassphrase", ex.Message);
        }

        [Fact]
        public void AnEncryptedKeyGetsThreeTriesThenTheWrongPassphraseError()
        {
            byte[] file = EncryptedKey("right one");
            var ui = new ScriptedInteraction().AnswerSecrets("wrong 1", "wrong 2", "wrong 3");

            var ex = Assert.Throws<WrongPassphraseException>(() => KeyPassphrases.Unlock(ui, p => PrivateKeyFileReader.Read(file, p, KeyPath), null, KeyPath));

            Assert.Equal(ErrorIds.KeyWrongPassphrase, ex.ErrorId);
            Assert.Equal(3, ui.Asked.Count);
            Assert.Equal(2, ui.Warnings.Count(w => w == "That passphrase is not the right one. Try again."));
        }

        [Fact]
        public void TheRightPassphraseOnTheSecondTryOpensTheKeyAndIsKept()
        {
            byte[] file = EncryptedKey("right one");
            var ui = new ScriptedInteraction().AnswerSecrets("wrong", "right one");

            var (key, used) = KeyPassphrases.UnlockKeeping(ui, p => PrivateKeyFileReader.Read(file, p, KeyPath), null, KeyPath);

            using (used)
            {
                Assert.Equal(Ed25519PrivateKey.TypeName, key.Key.KeyType);
                Assert.Equal("right one", Encoding.UTF8.GetString(used.Utf8));
                Assert.Equal(new[] { $"Passphrase of '{KeyPath}'", $"Passphrase of '{KeyPath}'" }, ui.Asked);
            }
        }

        [Fact]
        public void AGivenPassphraseOrAnUnencryptedKeyAsksNothing()
        {
            byte[] encrypted = EncryptedKey("given");
            byte[] clear = OpenSshPrivateKeyWriter.Write(KeyGenerator.Ed25519("c"), null);
            var ui = new ScriptedInteraction();
            using var given = new Secret(Encoding.UTF8.GetBytes("given"));

            KeyPassphrases.Unlock(ui, p => PrivateKeyFileReader.Read(encrypted, p, KeyPath), given, KeyPath);
            var (_, none) = KeyPassphrases.UnlockKeeping(ui, p => PrivateKeyFileReader.Read(clear, p, KeyPath), null, KeyPath);

            Assert.Null(none);
            Assert.Empty(ui.Asked);
        }

        [Fact]
        public void NonInteractiveAnEncryptedKeyIsTheReadersPassphraseRequired()
        {
            byte[] file = EncryptedKey("x");
            var ui = new ScriptedInteraction { CanPrompt = false };

            var ex = Assert.Throws<PassphraseRequiredException>(() => KeyPassphrases.Unlock(ui, p => PrivateKeyFileReader.Read(file, p, KeyPath), null, KeyPath));

            Assert.Contains("-Passphrase", ex.Message);
            Assert.Empty(ui.Asked);
        }

        private static byte[] EncryptedKey(string passphrase) =>
            OpenSshPrivateKeyWriter.Write(KeyGenerator.Ed25519("test"), Encoding.UTF8.GetBytes(passphrase), rounds: 2);
    }
}
