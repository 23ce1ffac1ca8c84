using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Keys
{
    /// <summary>How the passphrase of a key about to be written is decided: given, none at all, or asked.</summary>
    public sealed class PassphraseChoice
    {
        private PassphraseChoice(Secret? given, bool none)
        {
            GivenSecret = given;
            IsNone = none;
        }

        /// <summary>Ask twice with masked input (an empty answer is refused: the site requires one).</summary>
        public static PassphraseChoice Ask { get; } = new PassphraseChoice(null, false);

        /// <summary>Write the key unencrypted (-NoPassphrase), with a warning.</summary>
        public static PassphraseChoice None { get; } = new PassphraseChoice(null, true);

        /// <summary>The given passphrase (owned by the caller); an empty one means none, with a warning.</summary>
        public static PassphraseChoice Given(Secret secret) => new PassphraseChoice(secret, false);

        /// <summary>What -Passphrase / -NoPassphrase say: none, the given one, or ask.</summary>
        public static PassphraseChoice From(Secret? given, bool none) => none ? None : given != null ? Given(given) : Ask;

        internal Secret? GivenSecret { get; }

        internal bool IsNone { get; }
    }
}
