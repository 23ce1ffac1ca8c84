using System;
using System.Collections.Generic;
using System.Text;
using EspriSsh.Core.Crypto;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// Parses the text layer of a PuTTY key file as the PuTTY documentation describes it (appendix
    /// "PPK file format"): CRLF, LF or CR lines, header lines in a fixed order, base64 blocks with their
    /// line counts. Work on bytes, so the comment is MAC-checked exactly as stored. Nothing is
    /// decrypted here; Argon2 limits are enforced here, before any memory is spent.
    /// </summary>
    public static class PpkReader
    {
        public const string NoEncryption = "none";
        public const string Aes256Cbc = "aes256-cbc";

        private const string Magic = "PuTTY-User-Key-File-";
        private const string Ssh1Magic = "SSH PRIVATE KEY FILE FORMAT 1.1";

        /// <summary>True when the content starts like a PPK (any version): what a format dispatcher asks.</summary>
        public static bool LooksLikePpk(byte[] content) => StartsWith(content, Magic);

        public static PpkFile Parse(byte[] content, string path)
        {
            if (content.Length > KeyFile.MaxBytes)
            {
                throw NotPpk(path, "it is far too large for a key file");
            }

            if (StartsWith(content, Ssh1Magic))
            {
                throw Unsupported(path, "an SSH-1 RSA key (PuTTY's 1990s format, unusable with SSH-2 servers). Make a new key with New-EspriKey");
            }

            if (!LooksLikePpk(content))
            {
                throw NotPpk(path, content.Length == 0 ? "it is empty" : "it does not start with 'PuTTY-User-Key-File-'");
            }

            var lines = new LineCursor(SplitLines(content), path);
            string first = lines.NextText();
            int colon = first.IndexOf(':');
            string versionText = colon < 0 ? first.Substring(Magic.Length) : first.Substring(Magic.Length, colon - Magic.Length);
            if (versionText != "2" && versionText != "3")
            {
                throw Unsupported(path, $"PuTTY key file version '{versionText}'; only versions 2 and 3 exist today. Open it in an up-to-date PuTTYgen and save it again");
            }

            int version = versionText[0] - '0';
            string keyType = ValueOf(first, path);
            if (!KeyTypeNames.HasPrivateKeySupport(keyType))
            {
                throw KeyFileErrors.UnsupportedKeyType(path, keyType);
            }

            string encryption = lines.Header("Encryption");
            if (encryption != NoEncryption && encryption != Aes256Cbc)
            {
                throw UnsupportedEncryption(path, $"encryption '{encryption}'");
            }

            byte[] comment = lines.HeaderBytes("Comment");
            byte[] publicBlob = lines.Base64Block("Public-Lines");
            PublicKeyBlobInfo? publicInfo = PublicKeyBlobInfo.TryParse(publicBlob, out string? publicProblem);
            if (publicInfo == null || publicInfo.KeyType != keyType)
            {
                throw PpkFile.Corrupt(path, publicInfo == null ? "its public key is damaged (" + publicProblem + ")" : $"its public key is {publicInfo.KeyType}, not the {keyType} its first line names");
            }

            PpkKdfParameters? kdf = null;
            if (version == 3 && encryption != NoEncryption)
            {
                string kdfName = lines.Header("Key-Derivation");
                Argon2Type type = kdfName switch
                {
                    "Argon2id" => Argon2Type.Argon2id,
                    "Argon2i" => Argon2Type.Argon2i,
                    "Argon2d" => Argon2Type.Argon2d,
                    _ => throw UnsupportedEncryption(path, $"key derivation '{kdfName}'"),
                };

                long memory = lines.Number("Argon2-Memory");
                long passes = lines.Number("Argon2-Passes");
                long parallelism = lines.Number("Argon2-Parallelism");
                byte[] salt = Hex(lines.Header("Argon2-Salt"), path, "Argon2-Salt");
                kdf = PpkKdfParameters.FromFile(type, memory, passes, parallelism, salt, path);
            }

            byte[] privateBlob = lines.Base64Block("Private-Lines");
            byte[] mac = Hex(lines.Header("Private-MAC"), path, "Private-MAC");
            if (mac.Length != (version == 2 ? 20 : 32))
            {
                throw PpkFile.Corrupt(path, "its Private-MAC has the wrong length");
            }

            if (encryption != NoEncryption && (privateBlob.Length == 0 || privateBlob.Length % 16 != 0))
            {
                throw PpkFile.Corrupt(path, "its encrypted private part is not a whole number of AES blocks (truncated?)");
            }

            return new PpkFile(path, version, keyType, encryption, comment, publicBlob, kdf, privateBlob, mac);
        }

        internal static EspriException NotPpk(string path, string why) =>
            new EspriException(ErrorIds.NotAPpkFile,
                $"{UntrustedText.Quoted(path)} is not a PuTTY key file (.ppk): {why}. Choose the .ppk file that PuTTYgen or MobaXterm saved.", path);

        private static EspriException Unsupported(string path, string what) =>
            new EspriException(ErrorIds.PpkUnsupportedVersion, $"{UntrustedText.Quoted(path)} is {what}.", path);

        private static EspriException UnsupportedEncryption(string path, string what) =>
            new EspriException(ErrorIds.PpkUnsupportedEncryption,
                $"{UntrustedText.Quoted(path)} uses {what}, which PuTTY itself does not write (it uses aes256-cbc with Argon2). " +
                "Open the key in an up-to-date PuTTYgen, save it again, and convert that file.", path);

        private static bool StartsWith(byte[] content, string prefix)
        {
            if (content.Length < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (content[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string ValueOf(string line, string path)
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                throw PpkFile.Corrupt(path, $"the line '{Shorten(line)}' has no value");
            }

            return line.Substring(colon + 2);
        }

        private static byte[] Hex(string text, string path, string field)
        {
            if (text.Length % 2 != 0)
            {
                throw PpkFile.Corrupt(path, $"{field} is not hexadecimal");
            }

            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int hi = HexDigit(text[2 * i]), lo = HexDigit(text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    throw PpkFile.Corrupt(path, $"{field} is not hexadecimal");
                }

                bytes[i] = (byte)(hi << 4 | lo);
            }

            return bytes;
        }

        private static int HexDigit(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

        /// <summary>Lines as raw bytes; CRLF, LF and lone CR all end a line (PuTTY accepts all three).</summary>
        private static List<byte[]> SplitLines(byte[] content)
        {
            var lines = new List<byte[]>();
            int start = 0;
            for (int i = 0; i < content.Length; i++)
            {
                if (content[i] == '\r' || content[i] == '\n')
                {
                    lines.Add(Slice(content, start, i));
                    if (content[i] == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }
            }

            if (start < content.Length)
            {
                lines.Add(Slice(content, start, content.Length));
            }

            return lines;
        }

        private static byte[] Slice(byte[] content, int from, int to)
        {
            byte[] line = new byte[to - from];
            Buffer.BlockCopy(content, from, line, 0, line.Length);
            return line;
        }

        /// <summary>Walks the lines in the order the format fixes; any deviation is PpkCorrupt naming what was expected.</summary>
        private sealed class LineCursor
        {
            /// <summary>A 16384-bit RSA private part is ~50 lines of 64 characters.</summary>
            private const int MaxBlockLines = 1024;

            private readonly List<byte[]> lines;
            private readonly string path;
            private int index;

            public LineCursor(List<byte[]> lines, string path)
            {
                this.lines = lines;
                this.path = path;
            }

            public byte[] NextBytes(string expected)
            {
                if (index >= lines.Count)
                {
                    throw PpkFile.Corrupt(path, $"it ends before '{expected}' (truncated file)");
                }

                return lines[index++];
            }

            public string NextText() => Encoding.ASCII.GetString(NextBytes("the first line"));

            public byte[] HeaderBytes(string name)
            {
                byte[] line = NextBytes(name + ":");
                byte[] prefix = Encoding.ASCII.GetBytes(name + ": ");
                if (line.Length < prefix.Length || !StartsWith(line, name + ": "))
                {
                    throw PpkFile.Corrupt(path, $"line {index} should be '{name}: ...' but is '{Shorten(Encoding.UTF8.GetString(line))}'");
                }

                return Slice(line, prefix.Length, line.Length);
            }

            public string Header(string name) => Encoding.ASCII.GetString(HeaderBytes(name));

            public long Number(string name)
            {
                string text = Header(name);
                if (text.Length == 0 || !IsDigits(text))
                {
                    throw PpkFile.Corrupt(path, $"{name} is not a number");
                }

                if (text.Length > 18)
                {
                    return long.MaxValue / 4; // no honest count has 19 digits; callers refuse it as too large
                }

                return long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }

            public byte[] Base64Block(string name)
            {
                long count = Number(name);
                if (count < 1 || count > MaxBlockLines)
                {
                    throw PpkFile.Corrupt(path, $"{name} is {count}");
                }

                var text = new StringBuilder();
                for (int i = 0; i < count; i++)
                {
                    text.Append(Encoding.ASCII.GetString(NextBytes($"{count} lines of {name}")));
                }

                try
                {
                    return Convert.FromBase64String(text.ToString());
                }
                catch (FormatException ex)
                {
                    throw PpkFile.Corrupt(path, $"the {count} lines after '{name}' are not valid base64 (wrong line count or damaged text)", ex);
                }
            }

            private static bool IsDigits(string text)
            {
                foreach (char c in text)
                {
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool StartsWith(byte[] line, string prefix) => PpkReader.StartsWith(line, prefix);
        }
    }
}
