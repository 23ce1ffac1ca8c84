using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// Legacy PEM private keys (ssh-keygen -m PEM, old OpenSSL): "RSA/EC/DSA PRIVATE KEY", optionally
    /// encrypted with Proc-Type/DEK-Info (EVP_BytesToKey-MD5 + AES-128/192/256-CBC or DES-EDE3-CBC),
    /// and unencrypted PKCS#8 "PRIVATE KEY". The decryption is ours (the passphrase's exact UTF-8 bytes,
    /// as OpenSSL uses them); BouncyCastle parses the decrypted ASN.1.
    /// </summary>
    public sealed class PemPrivateKeyReader : IPrivateKeyFormat
    {
        public const string FormatName = "PEM";

        private static readonly Dictionary<string, string> LabelTypes = new Dictionary<string, string>
        {
            ["RSA PRIVATE KEY"] = RsaPrivateKey.TypeName,
            ["DSA PRIVATE KEY"] = DsaPrivateKey.TypeName,
            ["EC PRIVATE KEY"] = "ecdsa",
            ["PRIVATE KEY"] = "",
        };

        public string Name => FormatName;

        public bool Recognizes(string text) => Block.Find(text) != null;

        public PrivateKeyPeek Peek(string text, string source)
        {
            Block block = Block.Find(text) ?? throw KeyFileErrors.Invalid(source, "no PEM private key block found.");
            if (block.Encrypted)
            {
                string type = LabelTypes[block.Label];
                return new PrivateKeyPeek(FormatName, true, type.Length == 0 || type == "ecdsa" ? null : type, null, source);
            }

            SshPrivateKey key = Read(text, null, source).Key;
            return new PrivateKeyPeek(FormatName, false, key.KeyType, key.PublicKey, source);
        }

        public PrivateKeyFile Read(string text, byte[]? passphrase, string source)
        {
            Block block = Block.Find(text) ?? throw KeyFileErrors.Invalid(source, "no PEM private key block found.");
            byte[] der;
            try
            {
                der = Convert.FromBase64String(block.Base64);
            }
            catch (FormatException ex)
            {
                throw KeyFileErrors.Invalid(source, "its base64 text is damaged.", ex);
            }

            if (block.Encrypted)
            {
                if (passphrase == null || passphrase.Length == 0)
                {
                    throw KeyFileErrors.PassphraseRequired(source);
                }

                der = Decrypt(block, der, passphrase, source);
            }

            AsymmetricKeyParameter privateKey;
            try
            {
                string plainPem = $"-----BEGIN {block.Label}-----\n{Convert.ToBase64String(der)}\n-----END {block.Label}-----\n";
                object parsed = new PemReader(new StringReader(plainPem)).ReadObject();
                privateKey = parsed as AsymmetricKeyParameter ?? (parsed as AsymmetricCipherKeyPair)?.Private
                    ?? throw new FormatException("the PEM block holds no private key.");
            }
            catch (Exception ex) when (!(ex is Errors.EspriException))
            {
                // After a decryption whose padding happened to look right, garbage is a wrong passphrase.
                throw block.Encrypted ? KeyFileErrors.WrongPassphrase(source, ex) : KeyFileErrors.Invalid(source, "its ASN.1 content is damaged.", ex);
            }
            finally
            {
                Array.Clear(der, 0, der.Length);
            }

            SshPrivateKey key = BouncyCastleKeyConverter.ToSshKey(privateKey) ?? throw KeyFileErrors.Unsupported(source, "a key type or curve");
            return new PrivateKeyFile(key, FormatName, block.Encrypted, source);
        }

        private static byte[] Decrypt(Block block, byte[] data, byte[] passphrase, string source)
        {
            string[] dek = (block.DekInfo ?? "").Split(',');
            byte[] iv;
            try
            {
                iv = dek.Length == 2 ? HexToBytes(dek[1].Trim()) : throw new FormatException();
            }
            catch (FormatException ex)
            {
                throw KeyFileErrors.Invalid(source, "its DEK-Info header is damaged.", ex);
            }

            SymmetricAlgorithm algorithm;
            string cipherName = dek[0].Trim().ToUpperInvariant();
            switch (cipherName)
            {
                case "AES-128-CBC":
                case "AES-192-CBC":
                case "AES-256-CBC":
                    algorithm = Aes.Create();
                    algorithm.KeySize = int.Parse(cipherName.Substring(4, 3), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "DES-EDE3-CBC":
                    algorithm = TripleDES.Create();
                    algorithm.KeySize = 192;
                    break;
                default:
                    throw KeyFileErrors.Unsupported(source, "the PEM cipher " + dek[0].Trim());
            }

            using (algorithm)
            {
                if (iv.Length != algorithm.BlockSize / 8)
                {
                    throw KeyFileErrors.Invalid(source, "its DEK-Info IV has the wrong length.");
                }

                algorithm.Mode = CipherMode.CBC;
                algorithm.Padding = PaddingMode.PKCS7;
                byte[] key = BytesToKey(passphrase, iv, algorithm.KeySize / 8);
                try
                {
                    using (ICryptoTransform decryptor = algorithm.CreateDecryptor(key, iv))
                    {
                        return decryptor.TransformFinalBlock(data, 0, data.Length);
                    }
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

        /// <summary>The first supported "-----BEGIN ... PRIVATE KEY-----" block: label, RFC 1421 headers, base64 body.</summary>
        private sealed class Block
        {
            public string Label = "";
            public string? DekInfo;
            public bool Encrypted;
            public string Base64 = "";

            public static Block? Find(string text)
            {
                foreach (string label in LabelTypes.Keys)
                {
                    string begin = $"-----BEGIN {label}-----", end = $"-----END {label}-----";
                    int start = text.IndexOf(begin, StringComparison.Ordinal);
                    int stop = start < 0 ? -1 : text.IndexOf(end, start, StringComparison.Ordinal);
                    if (stop < 0)
                    {
                        continue;
                    }

                    var block = new Block { Label = label };
                    var body = new StringBuilder();
                    foreach (string rawLine in text.Substring(start + begin.Length, stop - start - begin.Length).Split('\n'))
                    {
                        string line = rawLine.Trim();
                        int colon = line.IndexOf(':');
                        if (colon > 0)
                        {
                            string name = line.Substring(0, colon).Trim(), value = line.Substring(colon + 1).Trim();
                            block.Encrypted |= name.Equals("Proc-Type", StringComparison.OrdinalIgnoreCase) && value.EndsWith("ENCRYPTED", StringComparison.OrdinalIgnoreCase);
                            block.DekInfo = name.Equals("DEK-Info", StringComparison.OrdinalIgnoreCase) ? value : block.DekInfo;
                        }
                        else
                        {
                            body.Append(line);
                        }
                    }

                    block.Base64 = body.ToString();
                    return block;
                }

                return null;
            }
        }
    }
}
