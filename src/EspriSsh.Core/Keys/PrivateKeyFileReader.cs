using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
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
        // Key files are a few KB; anything this big is not a key (and is not read into memory).
        private const long MaxFileBytes = 1 << 20;

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
            Read(Load(path), passphrase, path, cancellation);

        /// <summary>Reads and decrypts key file content; <paramref name="source"/> names it in errors.</summary>
        public static PrivateKeyFile Read(byte[] content, byte[]? passphrase, string source, CancellationToken cancellation = default)
        {
            string text = Decode(content);
            return Detect(text, source).Read(text, passphrase, source, cancellation);
        }

        /// <summary>What the file tells without a passphrase (format, encrypted, public key when in clear).</summary>
        public static PrivateKeyPeek PeekFile(string path) => Peek(Load(path), path);

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

        private static byte[] Load(string path)
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new EspriException(ErrorIds.KeyFileNotFound, EspriErrorCategory.ObjectNotFound,
                    $"There is no key file '{path}'. Check the path; Get-ChildItem ~/.ssh lists your keys.", path);
            }

            if (file.Length > MaxFileBytes)
            {
                throw KeyFileErrors.Invalid(path, "it is far too large for a key file.");
            }

            return File.ReadAllBytes(path);
        }

        private static string Decode(byte[] content) => new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF');
    }
}
