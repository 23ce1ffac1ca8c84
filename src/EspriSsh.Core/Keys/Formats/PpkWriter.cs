using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// Writes PPK version 3, as PuTTYgen 0.75+ does: aes256-cbc with Argon2id (8192 KiB, 1 lane) when
    /// there is a passphrase, "none" otherwise; HMAC-SHA-256; LF lines; base64 in 64-column lines.
    /// Passes are fixed (22) instead of timed: puttygen times its own Argon2, and ours is ~4x faster,
    /// so timing here would make PuTTY take ~0.4 s per key load. 22 passes cost ~100 ms in puttygen 0.78
    /// on the reference machine (~4 ms per pass), ~45 ms here, and give the same output on any machine load.
    /// </summary>
    public static class PpkWriter
    {
        private const int LineWidth = 64;

        /// <summary>The file bytes. An empty or null passphrase writes an unencrypted file.</summary>
        public static byte[] Write(SshPrivateKey key, byte[]? passphrase, Action<double>? progress = null, CancellationToken cancellation = default) =>
            Write(key, passphrase, passphrase == null || passphrase.Length == 0 ? null : PpkKdfParameters.Default(RandomBytes(16)), progress, cancellation);

        /// <summary>With explicit Argon2 settings (tests keep them small).</summary>
        internal static byte[] Write(SshPrivateKey key, byte[]? passphrase, PpkKdfParameters? kdf, Action<double>? progress, CancellationToken cancellation)
        {
            bool encrypted = kdf != null;
            string encryption = encrypted ? PpkReader.Aes256Cbc : PpkReader.NoEncryption;
            byte[] comment = Encoding.UTF8.GetBytes(key.Comment.Replace('\r', ' ').Replace('\n', ' '));
            byte[] publicBlob = key.PublicKeyBlob;
            byte[] plaintext = Pad(PpkPrivateBlob.FromKey(key), encrypted ? 16 : 1);

            PpkKeyMaterial material = PpkKeyMaterial.ForVersion3(encrypted ? passphrase! : new byte[0], kdf, progress, cancellation);
            byte[] mac = material.ComputeMac(3, key.KeyType, encryption, comment, publicBlob, plaintext);
            byte[] stored = encrypted ? material.Encrypt(plaintext) : plaintext;

            var file = new MemoryStream();
            Line(file, "PuTTY-User-Key-File-3: " + key.KeyType);
            Line(file, "Encryption: " + encryption);
            Line(file, "Comment: ", comment);
            Block(file, "Public-Lines", publicBlob);
            if (kdf != null)
            {
                Line(file, "Key-Derivation: " + kdf.Type);
                Line(file, "Argon2-Memory: " + kdf.MemoryKiB.ToString(CultureInfo.InvariantCulture));
                Line(file, "Argon2-Passes: " + kdf.Passes.ToString(CultureInfo.InvariantCulture));
                Line(file, "Argon2-Parallelism: " + kdf.Parallelism.ToString(CultureInfo.InvariantCulture));
                Line(file, "Argon2-Salt: " + ToHex(kdf.Salt));
            }

            Block(file, "Private-Lines", stored);
            Line(file, "Private-MAC: " + ToHex(mac));
            if (encrypted)
            {
                Array.Clear(plaintext, 0, plaintext.Length);
            }

            return file.ToArray();
        }

        /// <summary>An ASCII line, optionally followed by raw bytes (the comment is stored as its UTF-8 bytes).</summary>
        private static void Line(MemoryStream file, string text, byte[]? raw = null)
        {
            byte[] ascii = Encoding.ASCII.GetBytes(text);
            file.Write(ascii, 0, ascii.Length);
            if (raw != null)
            {
                file.Write(raw, 0, raw.Length);
            }

            file.WriteByte((byte)'\n');
        }

        private static void Block(MemoryStream file, string header, byte[] data)
        {
            string base64 = Convert.ToBase64String(data);
            int lines = (base64.Length + LineWidth - 1) / LineWidth;
            Line(file, header + ": " + lines.ToString(CultureInfo.InvariantCulture));
            for (int i = 0; i < base64.Length; i += LineWidth)
            {
                Line(file, base64.Substring(i, Math.Min(LineWidth, base64.Length - i)));
            }
        }

        /// <summary>Random bytes up to the cipher block; the MAC covers them, the reader ignores them.</summary>
        private static byte[] Pad(byte[] blob, int block)
        {
            int padded = (blob.Length + block - 1) / block * block;
            if (padded == blob.Length)
            {
                return blob;
            }

            byte[] result = new byte[padded];
            Buffer.BlockCopy(blob, 0, result, 0, blob.Length);
            byte[] random = RandomBytes(padded - blob.Length);
            Buffer.BlockCopy(random, 0, result, blob.Length, random.Length);
            Array.Clear(blob, 0, blob.Length);
            return result;
        }

        private static byte[] RandomBytes(int count)
        {
            byte[] bytes = new byte[count];
            using RandomNumberGenerator rng = RandomNumberGenerator.Create();
            rng.GetBytes(bytes);
            return bytes;
        }

        private static string ToHex(byte[] bytes)
        {
            var hex = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
