using System;
using System.IO;
using System.Security.Cryptography;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// The passphrase protection of old OpenSSL PEM keys (ssh-keygen -m PEM -N ...): "Proc-Type:
    /// 4,ENCRYPTED" and "DEK-Info: cipher,IV", key from EVP_BytesToKey (MD5, one iteration, salt = the
    /// first 8 IV bytes), AES-128/192/256-CBC or DES-EDE3-CBC, the passphrase's exact bytes as OpenSSL
    /// uses them.
    /// </summary>
    internal static class LegacyPemEncryption
    {
        /// <summary>The DER inside; WrongPassphrase on bad padding, Invalid/UnsupportedEncryption on a bad header.</summary>
        public static byte[] Decrypt(PemBlock block, byte[] data, byte[] passphrase, string source)
        {
            block.Headers.TryGetValue("DEK-Info", out string? dekInfo);
            string[] dek = (dekInfo ?? "").Split(',');
            byte[] iv;
            try
            {
                iv = dek.Length == 2 ? HexToBytes(dek[1].Trim()) : throw new FormatException();
            }
            catch (FormatException ex)
            {
                throw KeyFileErrors.Invalid(source, "its DEK-Info header is damaged.", ex);
            }

            string cipherName = dek[0].Trim().ToUpperInvariant();
            using SymmetricAlgorithm algorithm = Create(cipherName)
                ?? throw KeyFileErrors.UnsupportedEncryption(source, "the PEM cipher " + dek[0].Trim(),
                    $"Save it again with AES into a new file, for example: openssl pkey -in {UntrustedText.Quoted(source)} -aes256 -out '{source}-aes.pem'");
            if (iv.Length != algorithm.BlockSize / 8)
            {
                throw KeyFileErrors.Invalid(source, "its DEK-Info IV has the wrong length.");
            }

            if (data.Length == 0 || data.Length % iv.Length != 0)
            {
                // Checked here: .NET says CryptographicException for it, Mono ArgumentException.
                throw KeyFileErrors.Invalid(source, "its encrypted part is not a whole number of cipher blocks (cut or damaged).");
            }

            algorithm.Mode = CipherMode.CBC;
            algorithm.Padding = PaddingMode.PKCS7;
            byte[] key = BytesToKey(passphrase, iv, algorithm.KeySize / 8);
            try
            {
                using ICryptoTransform decryptor = algorithm.CreateDecryptor(key, iv);
                return decryptor.TransformFinalBlock(data, 0, data.Length);
            }
            catch (CryptographicException ex)
            {
                throw KeyFileErrors.WrongPassphrase(source, ex);
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        private static SymmetricAlgorithm? Create(string cipherName)
        {
            switch (cipherName)
            {
                case "AES-128-CBC":
                case "AES-192-CBC":
                case "AES-256-CBC":
                    Aes aes = Aes.Create();
                    aes.KeySize = int.Parse(cipherName.Substring(4, 3), System.Globalization.CultureInfo.InvariantCulture);
                    return aes;
                case "DES-EDE3-CBC":
                    TripleDES des = TripleDES.Create();
                    des.KeySize = 192;
                    return des;
                default:
                    return null;
            }
        }

        /// <summary>OpenSSL's EVP_BytesToKey with MD5, one iteration, salt = the first 8 IV bytes.</summary>
        private static byte[] BytesToKey(byte[] passphrase, byte[] iv, int length)
        {
            byte[] key = new byte[length];
            byte[] previous = new byte[0];
            using (MD5 md5 = MD5.Create())
            {
                for (int filled = 0; filled < length;)
                {
                    var input = new MemoryStream();
                    input.Write(previous, 0, previous.Length);
                    input.Write(passphrase, 0, passphrase.Length);
                    input.Write(iv, 0, 8);
                    previous = md5.ComputeHash(input.ToArray());
                    int n = Math.Min(previous.Length, length - filled);
                    Buffer.BlockCopy(previous, 0, key, filled, n);
                    filled += n;
                }
            }

            return key;
        }

        private static byte[] HexToBytes(string hex)
        {
            if (hex.Length % 2 != 0)
            {
                throw new FormatException();
            }

            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = byte.Parse(hex.Substring(2 * i, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            }

            return bytes;
        }
    }
}
