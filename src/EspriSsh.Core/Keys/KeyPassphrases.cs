using System;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// The passphrase policy of every command that writes or opens a key, asked through the
    /// interaction seam: a new key gets a passphrase typed twice (none only when asked for, with a
    /// warning); an encrypted key is opened with the given passphrase, or the user gets three tries.
    /// </summary>
    public static class KeyPassphrases
    {
        private const int UnlockAttempts = 3;

        /// <summary>
        /// The passphrase that will protect the key written at <paramref name="keyPath"/>, owned by the
        /// caller; null means "write it unencrypted" (the user was warned). Nobody to ask and nothing
        /// given: PassphraseRequired.
        /// </summary>
        public static Secret? ForNewKey(IUserInteraction ui, PassphraseChoice choice, string keyPath)
        {
            if (choice.IsNone || choice.GivenSecret?.IsEmpty == true)
            {
                ui.Warn($"{UntrustedText.Quoted(keyPath)} will have no passphrase: anyone who gets a copy of the file can use your account, and the site requires one. Add it later with: {KeyAdvice.AddPassphrase(keyPath)}");
                return null;
            }

            if (choice.GivenSecret != null)
            {
                return choice.GivenSecret.Copy();
            }

            const string howToGive = "Pass -Passphrase (for example (Read-Host -AsSecureString 'Passphrase')), or -NoPassphrase to write the key unprotected (not recommended).";
            while (true)
            {
                Secret first = ui.AskSecret(Question.ForPassphrase($"Passphrase for the new key {UntrustedText.Quoted(keyPath)}", keyPath, howToGive));
                using (Secret second = ui.AskSecret(Question.ForPassphrase("Enter the same passphrase again", keyPath, howToGive)))
                {
                    if (!first.SameAs(second))
                    {
                        first.Dispose();
                        ui.Warn("The two passphrases differ. Try again.");
                        continue;
                    }
                }

                if (!first.IsEmpty)
                {
                    return first;
                }

                ui.Warn("The site requires a passphrase. Type one (it is never shown), or stop and use -NoPassphrase.");
            }
        }

        /// <summary>
        /// Runs <paramref name="read"/> (a key reader taking UTF-8 passphrase bytes, null for none) with
        /// the given passphrase or none; when the key turns out to be encrypted and none was given, asks
        /// for it, with three tries. Nobody to ask: the reader's PassphraseRequired goes to the caller.
        /// </summary>
        public static T Unlock<T>(IUserInteraction ui, Func<byte[]?, T> read, Secret? given, string keyPath)
        {
            (T value, Secret? used) = UnlockKeeping(ui, read, given, keyPath);
            used?.Dispose();
            return value;
        }

        /// <summary>As <see cref="Unlock{T}"/>, with a copy of the passphrase that opened the key (null when none did), owned by the caller.</summary>
        public static (T Value, Secret? Passphrase) UnlockKeeping<T>(IUserInteraction ui, Func<byte[]?, T> read, Secret? given, string keyPath)
        {
            try
            {
                return (read(given?.Utf8), given?.Copy());
            }
            catch (PassphraseRequiredException) when (ui.CanPrompt)
            {
            }

            for (int attempt = 1; ; attempt++)
            {
                Secret typed = ui.AskSecret(Question.ForPassphrase($"Passphrase of {UntrustedText.Quoted(keyPath)}", keyPath, "Pass -Passphrase."));
                try
                {
                    return (read(typed.Utf8), typed);
                }
                catch (WrongPassphraseException) when (attempt < UnlockAttempts)
                {
                    typed.Dispose();
                    ui.Warn("That passphrase is not the right one. Try again.");
                }
                catch
                {
                    typed.Dispose();
                    throw;
                }
            }
        }
    }
}
