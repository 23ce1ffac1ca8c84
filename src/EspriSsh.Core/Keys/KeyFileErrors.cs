using System;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>The errors every private-key reader reports, worded once.</summary>
    internal static class KeyFileErrors
    {
        public static WrongPassphraseException WrongPassphrase(string source, Exception? inner = null) =>
            WrongPassphraseException.OfKeyFile(
                $"The passphrase is not the one of {UntrustedText.Quoted(source)}. Type it again (it is case-sensitive); if it is lost, make a new key with New-EspriKey and register its public key.",
                source, inner);

        public static PassphraseRequiredException PassphraseRequired(string source) =>
            new PassphraseRequiredException(
                $"{UntrustedText.Quoted(source)} is protected by a passphrase. Give it with -Passphrase (Read-Host -AsSecureString), or run the command in an interactive session to be asked.",
                source);

        public static EspriException Invalid(string source, string detail, Exception? inner = null) =>
            new EspriException(ErrorIds.KeyFormatInvalid,
                $"{UntrustedText.Quoted(source)} is not a readable private key: {detail} Check that you chose the private key file (not the .pub), and that it was not cut or edited.",
                source, inner);

        /// <summary>A key whose type EspriSsh cannot use: names the type, never sends the user to a tool that cannot help.</summary>
        public static EspriException UnsupportedKeyType(string source, string keyType) =>
            new EspriException(ErrorIds.KeyTypeUnsupported,
                $"{UntrustedText.Quoted(source)} holds {KeyTypeNames.Describe(keyType)}. {KeyTypeNames.WhyUnusable(keyType)} " +
                "To log in to the site, make an ED25519 key with New-EspriKey and register its public key.",
                source);

        /// <summary>
        /// DSA is read (to say so clearly) but never written: OpenSSH disabled it and the site refuses it,
        /// so a converted or installed copy could only fail later, at login.
        /// </summary>
        public static void RefuseDsa(string? keyType, SiteProfile site, string source, string notDone)
        {
            if (keyType == DsaPrivateKey.TypeName)
            {
                throw new EspriException(ErrorIds.KeyTypeRefused,
                    $"{UntrustedText.Quoted(source)} is a DSA key; it is not {notDone}. {site.Evaluate(keyType, 1024).Reason}", source);
            }
        }

        /// <summary>A passphrase protection EspriSsh does not open (an old or rare cipher or key derivation).</summary>
        public static EspriException UnsupportedEncryption(string source, string what, string advice) =>
            new EspriException(ErrorIds.KeyEncryptionUnsupported,
                $"{UntrustedText.Quoted(source)} is protected with {what}, which EspriSsh does not open. {advice}", source);
    }
}
