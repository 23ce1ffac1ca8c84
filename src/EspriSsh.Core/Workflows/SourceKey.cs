using System;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// The source key of an install, decrypted at most once: with the passphrase already answered, or
    /// asked (three tries) when the key turns out to be encrypted. Keeps the passphrase that opened it
    /// (the installed key keeps it too).
    /// </summary>
    internal sealed class SourceKey : IDisposable
    {
        private readonly IUserInteraction ui;
        private readonly string path;
        private readonly Secret? given;
        private Secret? used;

        public SourceKey(IUserInteraction ui, string path, KeyAnswers answers)
        {
            this.ui = ui;
            this.path = path;
            given = answers.Passphrase;
            Opened = answers.OpenedKey;
        }

        /// <summary>The key, once opened (or handed over already opened).</summary>
        public PrivateKeyFile? Opened { get; private set; }

        /// <summary>The passphrase that opened the key (or the one given); null when none did.</summary>
        public Secret? Passphrase => used ?? given;

        public PrivateKeyFile Open()
        {
            if (Opened == null)
            {
                (PrivateKeyFile key, Secret? passphrase) = KeyPassphrases.UnlockKeeping(ui,
                    bytes => PrivateKeyFileReader.ReadFile(path, bytes, ui.Cancellation), given, path);
                Opened = key;
                used = passphrase;
            }

            return Opened;
        }

        public void Dispose() => used?.Dispose();
    }
}
