using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Reads any private key file a user may have, whatever its format: finds the format by content,
    /// then lets that format's reader decode it. To support a new format, implement IPrivateKeyFormat
    /// and add one line to Formats.
    /// </summary>
    public static class PrivateKeyFileReader
    {
        private static readonly IPrivateKeyFormat[] Formats =
        {
            new OpenSshPrivateKeyReader(),
            new PemPrivateKeyReader(),
            new PpkPrivateKeyFormat(),
        };

        public static IReadOnlyList<IPrivateKeyFormat> KnownFormats => Formats;

        /// <summary>
        /// Reads and decrypts a key file. <paramref name="passphrase"/> is UTF-8 or null; the token stops
        /// the key derivation (OperationCanceledException).
        /// </summary>
        public static PrivateKeyFile ReadFile(string path, byte[]? passphrase, CancellationToken cancellation = default) =>
            Read(KeyFile.Load(path), passphrase, path, cancellation);

        /// <summary>Reads and decrypts key file content; <paramref name="source"/> names it in errors.</summary>
        public static PrivateKeyFile Read(byte[] content, byte[]? passphrase, string source, CancellationToken cancellation = default)
        {
            string text = Decode(content);
            return Detect(text, source).Read(text, passphrase, source, cancellation);
        }

        /// <summary>What the file tells without a passphrase (format, encrypted, public key when in clear).</summary>
        public static PrivateKeyPeek PeekFile(string path) => Peek(KeyFile.Load(path), path);

        public static PrivateKeyPeek Peek(byte[] content, string source)
        {
            string text = Decode(content);
            return Detect(text, source).Peek(text, source);
        }

        /// <summary>The format that recognizes this content, or null.</summary>
        public static IPrivateKeyFormat? FormatOf(byte[] content) => FormatOf(Decode(content));

        private static IPrivateKeyFormat? FormatOf(string text) => Formats.FirstOrDefault(f => f.Recognizes(text));

        private static IPrivateKeyFormat Detect(string text, string source)
        {
            IPrivateKeyFormat? format = FormatOf(text);
            if (format != null)
            {
                return format;
            }

            string detail = text.TrimStart().StartsWith("ssh-", StringComparison.Ordinal) || text.TrimStart().StartsWith("ecdsa-", StringComparison.Ordinal)
                ? "it is a public key (.pub), not a private key."
                : "its format is not one of " + string.Join(", ", Formats.Select(f => f.Name)) + ".";
            throw KeyFileErrors.Invalid(source, detail);
        }

        private static string Decode(byte[] content) => KeyFile.Text(content);
    }
}
