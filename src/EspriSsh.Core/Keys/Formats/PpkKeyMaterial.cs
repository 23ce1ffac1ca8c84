using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using EspriSsh.Core.Crypto;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// The AES-256-CBC key, IV and MAC key of a PPK file, derived from the passphrase as PuTTY does
    /// (version 2: SHA-1 based; version 3: Argon2 output split 32 + 16 + 32), and the MAC itself.
    /// </summary>
    internal sealed class PpkKeyMaterial
    {
        private const string V2MacKeyPrefix = "putty-private-key-file-mac-key";

        private PpkKeyMaterial(byte[] cipherKey, byte[] iv, byte[] macKey)
        {
            CipherKey = cipherKey;
            Iv = iv;
            MacKey = macKey;
        }

        public byte[] CipherKey { get; }

        public byte[] Iv { get; }

        public byte[] MacKey { get; }

        public static PpkKeyMaterial ForVersion2(byte[] passphrase, bool encrypted)
        {
            using SHA1 sha1 = SHA1.Create();
            byte[] macKey = sha1.ComputeHash(Concat(Encoding.ASCII.GetBytes(V2MacKeyPrefix), passphrase));
            if (!encrypted)
            {
                return new PpkKeyMaterial(new byte[0], new byte[0], macKey);
            }

            byte[] first = sha1.ComputeHash(Concat(new byte[] { 0, 0, 0, 0 }, passphrase));
            byte[] second = sha1.ComputeHash(Concat(new byte[] { 0, 0, 0, 1 }, passphrase));
            byte[] cipherKey = new byte[32];
            Buffer.BlockCopy(first, 0, cipherKey, 0, 20);
            Buffer.BlockCopy(second, 0, cipherKey, 20, 12);
            return new PpkKeyMaterial(cipherKey, new byte[16], macKey);
        }

        /// <summary>Version 3: no key material at all for an unencrypted file (the MAC key is empty).</summary>
        public static PpkKeyMaterial ForVersion3(byte[] passphrase, PpkKdfParameters? kdf, Action<double>? progress, CancellationToken cancellation)
        {
            if (kdf == null)
            {
                return new PpkKeyMaterial(new byte[0], new byte[0], new byte[0]);
            }

            byte[] output = Argon2.Hash(kdf.Type, passphrase, kdf.Salt, kdf.MemoryKiB, kdf.Passes, kdf.Parallelism, 80,
                progress: progress, cancellation: cancellation);
            byte[] cipherKey = new byte[32], iv = new byte[16], macKey = new byte[32];
            Buffer.BlockCopy(output, 0, cipherKey, 0, 32);
            Buffer.BlockCopy(output, 32, iv, 0, 16);
            Buffer.BlockCopy(output, 48, macKey, 0, 32);
            Array.Clear(output, 0, output.Length);
            return new PpkKeyMaterial(cipherKey, iv, macKey);
        }

        /// <summary>The MAC covers the clear parts too, so the public half cannot be swapped unnoticed.</summary>
        public byte[] ComputeMac(int version, string keyType, string encryption, byte[] comment, byte[] publicBlob, byte[] privatePlaintext)
        {
            byte[] data = new SshWireWriter().WriteString(keyType).WriteString(encryption).WriteString(comment)
                .WriteString(publicBlob).WriteString(privatePlaintext).ToArray();
            using HMAC hmac = version == 2 ? new HMACSHA1(MacKey) : (HMAC)new HMACSHA256(MacKey);
            return hmac.ComputeHash(data);
        }

        public byte[] Encrypt(byte[] plaintext) => Transform(plaintext, encrypt: true);

        public byte[] Decrypt(byte[] ciphertext) => Transform(ciphertext, encrypt: false);

        private byte[] Transform(byte[] data, bool encrypt)
        {
            using Aes aes = Aes.Create();
            aes.Mode = CipherMode.CBC;
            aes.Padding = PaddingMode.None;
            using ICryptoTransform transform = encrypt ? aes.CreateEncryptor(CipherKey, Iv) : aes.CreateDecryptor(CipherKey, Iv);
            return transform.TransformFinalBlock(data, 0, data.Length);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            Buffer.BlockCopy(a, 0, result, 0, a.Length);
            Buffer.BlockCopy(b, 0, result, a.Length, b.Length);
            return result;
        }
    }
}
