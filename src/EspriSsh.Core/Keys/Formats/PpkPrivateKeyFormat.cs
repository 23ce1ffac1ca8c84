using System.Text;
using System.Threading;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// PuTTY .ppk files in PrivateKeyFileReader, so every cmdlet that reads a key reads them too.
    /// The dispatcher hands over decoded text: a comment that is not UTF-8 (very old PuTTY) no longer
    /// matches its MAC this way; Convert-PpkKey reads the bytes itself and has no such limit.
    /// </summary>
    public sealed class PpkPrivateKeyFormat : IPrivateKeyFormat
    {
        public const string FormatName = "PPK";

        public string Name => FormatName;

        public bool Recognizes(string text) => text.StartsWith("PuTTY-User-Key-File-", System.StringComparison.Ordinal);

        public PrivateKeyFile Read(string text, byte[]? passphrase, string source, CancellationToken cancellation = default)
        {
            PpkFile file = Parse(text, source);
            return new PrivateKeyFile(file.Decrypt(passphrase, cancellation: cancellation), FormatName, file.IsEncrypted, source);
        }

        public PrivateKeyPeek Peek(string text, string source)
        {
            PpkFile file = Parse(text, source);
            return Peek(file, source);
        }

        /// <summary>What a parsed PPK tells without its passphrase, version included (v2 files need a newer PuTTY's conversion for some tools).</summary>
        public static PrivateKeyPeek Peek(PpkFile file, string source) =>
            new PrivateKeyPeek(FormatName, file.IsEncrypted, file.KeyType, file.PublicKey, source, file.Version);

        private static PpkFile Parse(string text, string source) => PpkReader.Parse(Encoding.UTF8.GetBytes(text), source);
    }
}
