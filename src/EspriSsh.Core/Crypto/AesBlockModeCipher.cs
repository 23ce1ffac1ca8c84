using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace EspriSsh.Core.Crypto
{
    /// <summary>aesNNN-ctr and aesNNN-cbc (no padding: the key format pads the plaintext itself).</summary>
    internal sealed class AesBlockModeCipher : SshCipher
    {
        private readonly bool counterMode;

        public AesBlockModeCipher(string name, int keyLength, bool counterMode)
            : base(name, keyLength, ivLength: 16, blockSize: 16, tagLength: 0)
        {
            this.counterMode = counterMode;
        }

        public override byte[] Encrypt(byte[] key, byte[] iv, byte[] plaintext) => Run(true, key, iv, plaintext);

        public override byte[] Decrypt(byte[] key, byte[] iv, byte[] ciphertextAndTag) => Run(false, key, iv, ciphertextAndTag);

        private byte[] Run(bool encrypt, byte[] key, byte[] iv, byte[] input)
        {
            if (input.Length % BlockSize != 0)
            {
                throw new System.Security.Cryptography.CryptographicException($"{Name} data is not a whole number of blocks.");
            }

            IBlockCipher engine = AesUtilities.CreateEngine();
            IBlockCipher mode = counterMode ? new SicBlockCipher(engine) : (IBlockCipher)new CbcBlockCipher(engine);
            mode.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
            byte[] output = new byte[input.Length];
            for (int offset = 0; offset < input.Length; offset += BlockSize)
            {
                mode.ProcessBlock(input, offset, output, offset);
            }

            return output;
        }
    }
}
