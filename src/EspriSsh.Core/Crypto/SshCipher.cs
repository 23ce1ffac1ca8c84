using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Crypto
{
    /// <summary>
    /// A cipher of the openssh-key-v1 private section, by its OpenSSH name. Key and IV come from
    /// bcrypt_pbkdf (KeyLength + IvLength bytes). AEAD ciphers append a TagLength-byte tag after the
    /// ciphertext; a wrong tag raises a CryptographicException (a wrong passphrase, to the reader).
    /// </summary>
    public abstract class SshCipher
    {
        private static readonly SshCipher[] All =
        {
            new AesBlockModeCipher("aes128-ctr", 16, counterMode: true),
            new AesBlockModeCipher("aes192-ctr", 24, counterMode: true),
            new AesBlockModeCipher("aes256-ctr", 32, counterMode: true),
            new AesBlockModeCipher("aes128-cbc", 16, counterMode: false),
            new AesBlockModeCipher("aes192-cbc", 24, counterMode: false),
            new AesBlockModeCipher("aes256-cbc", 32, counterMode: false),
            new AesGcmCipher("aes128-gcm@openssh.com", 16),
            new AesGcmCipher("aes256-gcm@openssh.com", 32),
            new ChaCha20Poly1305Cipher(),
        };

        /// <summary>What ssh-keygen writes by default, and what we write.</summary>
        public const string DefaultName = "aes256-ctr";

        protected SshCipher(string name, int keyLength, int ivLength, int blockSize, int tagLength)
        {
            Name = name;
            KeyLength = keyLength;
            IvLength = ivLength;
            BlockSize = blockSize;
            TagLength = tagLength;
        }

        public string Name { get; }

        public int KeyLength { get; }

        public int IvLength { get; }

        /// <summary>The private section is padded to a multiple of this.</summary>
        public int BlockSize { get; }

        public int TagLength { get; }

        public static IEnumerable<string> Names => All.Select(c => c.Name);

        /// <summary>The cipher called <paramref name="name"/>, or null when we do not know it.</summary>
        public static SshCipher? Find(string name) => All.FirstOrDefault(c => c.Name == name);

        /// <summary>Ciphertext followed by the tag (AEAD).</summary>
        public abstract byte[] Encrypt(byte[] key, byte[] iv, byte[] plaintext);

        /// <summary><paramref name="ciphertextAndTag"/> is the ciphertext followed by TagLength tag bytes.</summary>
        public abstract byte[] Decrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag);
    }
}
