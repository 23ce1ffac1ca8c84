using System;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace EspriSsh.Core.Crypto
{
    /// <summary>
    /// chacha20-poly1305@openssh.com as OpenSSH applies it to key files (PROTOCOL.chacha20poly1305,
    /// sequence number 0, no length field): original ChaCha20 (64-bit nonce) with the first 32 key
    /// bytes; block 0 of its keystream is the Poly1305 key, the data is encrypted from block 1.
    /// </summary>
    internal sealed class ChaCha20Poly1305Cipher : SshCipher
    {
        public ChaCha20Poly1305Cipher()
            : base("chacha20-poly1305@openssh.com", keyLength: 64, ivLength: 0, blockSize: 8, tagLength: 16)
        {
        }

        public override byte[] Encrypt(byte[] key, byte[] iv, byte[] plaintext)
        {
            ChaChaEngine engine = StartEngine(key, out byte[] polyKey);
            byte[] output = new byte[plaintext.Length + TagLength];
            engine.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
            byte[] tag = Tag(polyKey, output, plaintext.Length);
            Buffer.BlockCopy(tag, 0, output, plaintext.Length, TagLength);
            return output;
        }

        public override byte[] Decrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag)
        {
            int length = ciphertextAndTag.Length - TagLength;
            if (length < 0)
            {
                throw new CryptographicException("The chacha20-poly1305 data is shorter than its tag.");
            }

            ChaChaEngine engine = StartEngine(key, out byte[] polyKey);
            byte[] expected = Tag(polyKey, ciphertextAndTag, length);
            int difference = 0;
            for (int i = 0; i < TagLength; i++)
            {
                difference |= expected[i] ^ ciphertextAndTag[length + i];
            }

            if (difference != 0)
            {
                throw new CryptographicException("The chacha20-poly1305 tag does not match.");
            }

            byte[] output = new byte[length];
            engine.ProcessBytes(ciphertextAndTag, 0, length, output, 0);
            return output;
        }

        private static ChaChaEngine StartEngine(byte[] key, out byte[] polyKey)
        {
            var engine = new ChaChaEngine();
            byte[] mainKey = new byte[32];
            Buffer.BlockCopy(key, 0, mainKey, 0, 32);
            engine.Init(true, new ParametersWithIV(new KeyParameter(mainKey), new byte[8]));
            byte[] block0 = new byte[64];
            engine.ProcessBytes(new byte[64], 0, 64, block0, 0);
            polyKey = new byte[32];
            Buffer.BlockCopy(block0, 0, polyKey, 0, 32);
            return engine;
        }

        private static byte[] Tag(byte[] polyKey, byte[] data, int length)
        {
            var mac = new Poly1305();
            mac.Init(new KeyParameter(polyKey));
            mac.BlockUpdate(data, 0, length);
            byte[] tag = new byte[16];
            mac.DoFinal(tag, 0);
            return tag;
        }
    }
}
