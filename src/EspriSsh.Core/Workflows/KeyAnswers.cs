using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// What the user has already answered for an approved key change: the passphrase of the source
    /// key (given, or typed earlier), the key it opened, the new passphrase. A missing answer is asked
    /// when it is needed. The caller owns the secrets.
    /// </summary>
    public sealed class KeyAnswers
    {
        /// <summary>Opens the source key; null: asked when the key turns out to be encrypted. Always checked when given.</summary>
        public Secret? Passphrase { get; set; }

        /// <summary>The source key already opened (with <see cref="Passphrase"/>): not decrypted a second time.</summary>
        public PrivateKeyFile? OpenedKey { get; set; }

        /// <summary>Re-encrypts the written key with this passphrase; null keeps the source's.</summary>
        public Secret? NewPassphrase { get; set; }
    }
}
