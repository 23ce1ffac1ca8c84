using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using EspriSsh.Core.Crypto;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// Writes the private key file ssh-keygen writes (openssh-key-v1): with a passphrase,
    /// bcrypt_pbkdf (16-byte random salt) + aes256-ctr; without, cipher "none".
    /// </summary>
    public static class OpenSshPrivateKeyWriter
    {
        /// <summary>The OpenSSH 9.4+ default of ssh-keygen -a.</summary>
        public const int DefaultRounds = 24;

        /// <summary>The most rounds written, and read back (see OpenSshPrivateKeyFormat.MaxRounds).</summary>
        public const int MaxRounds = OpenSshPrivateKeyFormat.MaxRounds;

        /// <summary>
        /// The file content (ASCII text, LF line ends). <paramref name="passphrase"/> is UTF-8; null or
        /// empty writes an unencrypted key. <paramref name="progress"/> gets the KDF's fraction done;
        /// the token stops the KDF (OperationCanceledException).
        /// </summary>
        public static byte[] Write(SshPrivateKey key, byte[]? passphrase, int rounds = DefaultRounds, Action<double>? progress = null, CancellationToken cancellation = default)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (rounds < 1 || rounds > MaxRounds)
            {
                throw new ArgumentOutOfRangeException(nameof(rounds), $"1 to {MaxRounds} KDF rounds.");
            }

            bool encrypt = passphrase != null && passphrase.Length > 0;
            SshCipher? cipher = encrypt ? SshCipher.Find(SshCipher.DefaultName) : null;
            int blockSize = cipher?.BlockSize ?? OpenSshPrivateKeyFormat.UnencryptedBlockSize;

            byte[] checkBytes = RandomBytes(4);
            uint check = (uint)(checkBytes[0] << 24 | checkBytes[1] << 16 | checkBytes[2] << 8 | checkBytes[3]);
            var section = new SshWireWriter().WriteUInt32(check).WriteUInt32(check);
            OpenSshKeyFields.Write(section, key);
            for (byte pad = 1; section.Length % blockSize != 0; pad++)
            {
                section.WriteRaw(new[] { pad });
            }

            byte[] plain = section.ToArray();
            byte[] privateSection = plain, tag = new byte[0];
            byte[] kdfOptions = new byte[0];
            if (cipher != null)
            {
                byte[] salt = RandomBytes(OpenSshPrivateKeyFormat.SaltLength);
                kdfOptions = new SshWireWriter().WriteString(salt).WriteUInt32((uint)rounds).ToArray();
                byte[] keyAndIv = BcryptPbkdf.DeriveKey(passphrase!, salt, rounds, cipher.KeyLength + cipher.IvLength, progress, cancellation);
                byte[] cipherKey = Slice(keyAndIv, 0, cipher.KeyLength), iv = Slice(keyAndIv, cipher.KeyLength, cipher.IvLength);
                byte[] encrypted = cipher.Encrypt(cipherKey, iv, plain);
                privateSection = Slice(encrypted, 0, plain.Length);
                tag = Slice(encrypted, plain.Length, cipher.TagLength);
                Array.Clear(keyAndIv, 0, keyAndIv.Length);
                Array.Clear(cipherKey, 0, cipherKey.Length);
                Array.Clear(plain, 0, plain.Length);
            }

            byte[] blob = new SshWireWriter()
                .WriteRaw(Encoding.ASCII.GetBytes(OpenSshPrivateKeyFormat.Magic))
                .WriteString(cipher?.Name ?? OpenSshPrivateKeyFormat.CipherNone)
                .WriteString(cipher == null ? OpenSshPrivateKeyFormat.KdfNone : OpenSshPrivateKeyFormat.KdfBcrypt)
                .WriteString(kdfOptions)
                .WriteUInt32(1)
                .WriteString(key.PublicKeyBlob)
                .WriteString(privateSection)
                .WriteRaw(tag)
                .ToArray();
            return Encoding.ASCII.GetBytes(OpenSshArmor.Wrap(blob));
        }

        private static byte[] RandomBytes(int count)
        {
            byte[] bytes = new byte[count];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }

            return bytes;
        }

        internal static byte[] Slice(byte[] source, int offset, int count)
        {
            byte[] r = new byte[count];
            Buffer.BlockCopy(source, offset, r, 0, count);
            return r;
        }
    }
}
