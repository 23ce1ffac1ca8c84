using System;
using System.Security;
using EspriSsh.Core.Errors;

namespace EspriSsh
{
    /// <summary>
    /// Base of the cmdlets that write or read private keys (New-EspriKey, Convert-PpkKey,
    /// Install-EspriKey...): one way to obtain a passphrase everywhere. Passphrases travel as UTF-8
    /// bytes (what ssh-keygen and PuTTY feed their KDFs); callers clear them after use.
    /// </summary>
    public abstract class KeyCmdlet : EspriCmdlet
    {
        private const int ReadAttempts = 3;

        /// <summary>
        /// The passphrase that will protect a key being written: the one given, none with a warning
        /// when <paramref name="noPassphrase"/> (or an empty one is given), else asked twice with masked
        /// input (an empty answer is refused: the site requires one). Non-interactive without either
        /// parameter: terminating PassphraseRequired, never a hang. Null means "write unencrypted".
        /// </summary>
        protected byte[]? GetNewPassphrase(SecureString? passphrase, bool noPassphrase, string keyPath)
        {
            if (noPassphrase || (passphrase != null && passphrase.Length == 0))
            {
                WriteWarning($"'{keyPath}' will have no passphrase: anyone who gets a copy of the file can use your account, and the site requires one. Add it later with: {Core.Keys.KeyAdvice.AddPassphrase(keyPath)}");
                return null;
            }

            if (passphrase != null)
            {
                return ToUtf8(passphrase);
            }

            const string whatToPass = "Pass -Passphrase (for example (Read-Host -AsSecureString 'Passphrase')), or -NoPassphrase to write the key unprotected (not recommended).";
            while (true)
            {
                SecureString typed = PromptForSecret($"Passphrase for the new key '{keyPath}'", confirm: true, whatToPass, keyPath);
                if (typed.Length > 0)
                {
                    return ToUtf8(typed);
                }

                Host.UI.WriteWarningLine("The site requires a passphrase. Type one (it is never shown), or stop and use -NoPassphrase.");
            }
        }

        /// <summary>
        /// Runs <paramref name="read"/> (a key reader taking the passphrase bytes) with the given
        /// passphrase, or none; when the key turns out to be encrypted and none was given, asks for it
        /// (up to three tries on a wrong one). Non-interactive: the reader's PassphraseRequired or
        /// wrong-passphrase error goes to the caller.
        /// </summary>
        protected T ReadWithPassphrase<T>(Func<byte[]?, T> read, SecureString? passphrase, string keyPath)
        {
            byte[]? bytes = passphrase == null ? null : ToUtf8(passphrase);
            try
            {
                return read(bytes);
            }
            catch (PassphraseRequiredException) when (!IsNonInteractive)
            {
            }
            finally
            {
                Clear(bytes);
            }

            for (int attempt = 1; ; attempt++)
            {
                bytes = ToUtf8(PromptForSecret($"Passphrase of '{keyPath}'", confirm: false, "Pass -Passphrase.", keyPath));
                try
                {
                    return read(bytes);
                }
                catch (EspriException ex) when (attempt < ReadAttempts && IsWrongPassphrase(ex))
                {
                    Host.UI.WriteWarningLine("That passphrase is not the right one. Try again.");
                }
                finally
                {
                    Clear(bytes);
                }
            }
        }

        protected static void Clear(byte[]? secret)
        {
            if (secret != null)
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }

        private static bool IsWrongPassphrase(EspriException ex) => ex.ErrorId.EndsWith("WrongPassphrase", StringComparison.Ordinal);
    }
}
