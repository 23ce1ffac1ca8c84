using System;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys
{
    /// <summary>The errors every private-key reader reports, worded once.</summary>
    internal static class KeyFileErrors
    {
        public static EspriException WrongPassphrase(string source, Exception? inner = null) =>
            new EspriException(ErrorIds.KeyWrongPassphrase, EspriErrorCategory.AuthenticationError,
                $"The passphrase is not the one of '{source}'. Type it again (it is case-sensitive); if it is lost, make a new key with New-EspriKey and register its public key.",
                source, inner);

        public static PassphraseRequiredException PassphraseRequired(string source) =>
            new PassphraseRequiredException(
                $"'{source}' is protected by a passphrase. Give it with -Passphrase (Read-Host -AsSecureString), or run the command in an interactive session to be asked.",
                source);

        public static EspriException Invalid(string source, string detail, Exception? inner = null) =>
            new EspriException(ErrorIds.KeyFormatInvalid, EspriErrorCategory.InvalidData,
                $"'{source}' is not a readable private key: {detail} Check that you chose the private key file (not the .pub), and that it was not cut or edited.",
                source, inner);

        public static EspriException Unsupported(string source, string what) =>
            new EspriException(ErrorIds.KeyTypeUnsupported, EspriErrorCategory.NotImplemented,
                $"'{source}' uses {what}, which EspriSsh cannot read. Convert it with ssh-keygen, or make a new ED25519 key with New-EspriKey.",
                source);
    }
}
