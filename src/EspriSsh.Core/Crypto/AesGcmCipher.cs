using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace EspriSsh.Core.Crypto
{
    /// <summary>aesNNN-gcm@openssh.com: 12-byte IV, 16-byte tag, no associated data in key files.</summary>
    internal sealed class AesGcmCipher : SshCipher
    {
        public AesGcmCipher(string name, int keyLength)
            : base(name, keyLength, ivLength: 12, blockSize: 16, tagLength: 16)
        {
        }

        public override byte[] Encrypt(byte[] key, byte[] iv, byte[] plaintext) => Run(true, key, iv, plaintext);

        public override byte[] Decrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag) => Run(false, key, iv, ciphertextAndTag);

        private byte[] Run(bool encrypt, byte[] key, byte[] iv, byte[] input)
        {
            var gcm = new GcmBlockCipher(AesUtilities.CreateEngine());
            gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), TagLength * 8, iv));
            byte[] output = new byte[gcm.GetOutputSize(input.Length)];
            int length = gcm.ProcessBytes(input, 0, input.Length, output, 0);
            try
            {
                gcm.DoFinal(output, length);
            }
            catch (InvalidCipherTextException ex)
            {
                throw new CryptographicException("The " + Name + " tag does not match.", ex);
            }

            return output;
        }
    }
}
