using System.Threading;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// One private-key file format. PrivateKeyFileReader asks each registered format whether it
    /// recognizes a file; adding a format is one class implementing this and one line there.
    /// </summary>
    public interface IPrivateKeyFormat
    {
        /// <summary>What users see as the file's format: "OpenSSH", "PEM", "PPK v3"...</summary>
        string Name { get; }

        /// <summary>Cheap test on the content (headers), no decryption.</summary>
        bool Recognizes(string text);

        /// <summary>
        /// Decodes and decrypts. <paramref name="passphrase"/> is UTF-8, null when none was given.
        /// Throws PassphraseRequiredException, KeyWrongPassphrase, KeyFormatInvalid, KeyTypeUnsupported,
        /// KdfTooExpensive... (EspriException) with <paramref name="source"/> as target, and
        /// OperationCanceledException when <paramref name="cancellation"/> stops the key derivation.
        /// </summary>
        PrivateKeyFile Read(string text, byte[]? passphrase, string source, CancellationToken cancellation = default);

        /// <summary>What can be known without the passphrase.</summary>
        PrivateKeyPeek Peek(string text, string source);
    }
}
