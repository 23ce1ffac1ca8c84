using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using EspriSsh.Core.Crypto;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// Reads openssh-key-v1 files, unencrypted or encrypted with bcrypt_pbkdf and any cipher
    /// ssh-keygen -Z offers (SshCipher). The public key is in clear, so Peek needs no passphrase.
    /// A wrong passphrase shows as differing check integers (or a bad AEAD tag): KeyWrongPassphrase.
    /// </summary>
    public sealed class OpenSshPrivateKeyReader : IPrivateKeyFormat
    {
        public const string FormatName = "OpenSSH";

        // ssh-keygen writes 16 bytes; the KDF hashes the salt once per output block, so a huge one only wastes memory.
        private const int MaxSaltLength = 1024;

        public string Name => FormatName;

        public bool Recognizes(string text) => OpenSshArmor.Contains(text);

        public PrivateKeyPeek Peek(string text, string source)
        {
            Container c = Parse(text, source);
            return new PrivateKeyPeek(FormatName, c.Encrypted, c.PublicKey.KeyType, c.PublicKey, source);
        }

        public PrivateKeyFile Read(string text, byte[]? passphrase, string source, CancellationToken cancellation = default)
        {
            Container c = Parse(text, source);
            if (!c.Encrypted && c.PrivateSection.Length % OpenSshPrivateKeyFormat.UnencryptedBlockSize != 0)
            {
                // OpenSSH refuses it too ("invalid format"): an unencrypted section is padded to 8 bytes.
                throw KeyFileErrors.Invalid(source, "its private part is not padded to 8 bytes as OpenSSH requires.");
            }

            byte[] plain = c.Encrypted ? Decrypt(c, passphrase, source, cancellation) : c.PrivateSection;
            try
            {
                var reader = new SshWireReader(plain);
                if (reader.ReadUInt32() != reader.ReadUInt32())
                {
                    throw c.Encrypted ? KeyFileErrors.WrongPassphrase(source) : KeyFileErrors.Invalid(source, "its check numbers differ.");
                }

                SshPrivateKey key = OpenSshKeyFields.Read(reader)
                    ?? throw KeyFileErrors.UnsupportedKeyType(source, c.PublicKey.KeyType);
                for (int pad = 1; !reader.AtEnd; pad++)
                {
                    if (reader.ReadBytes(1)[0] != (byte)pad)
                    {
                        throw KeyFileErrors.Invalid(source, "its padding is wrong.");
                    }
                }

                if (!key.PublicKey.SameKeyAs(c.PublicKey))
                {
                    throw KeyFileErrors.Invalid(source, "its public and private parts do not belong together.");
                }

                PrivateKeyValidator.Check(key, source);
                return new PrivateKeyFile(key, FormatName, c.Encrypted, source);
            }
            catch (FormatException ex)
            {
                throw KeyFileErrors.Invalid(source, ex.Message, ex);
            }
            finally
            {
                Array.Clear(plain, 0, plain.Length);
            }
        }

        private static byte[] Decrypt(Container c, byte[]? passphrase, string source, CancellationToken cancellation)
        {
            // Judged before the passphrase is asked: a refused file should not make the user type it first.
            string reEncrypt = $"If your ssh-keygen knows it, re-encrypt a copy with its default cipher (aes256-ctr): {KeyAdvice.SshKeygenOnCopy(source, "")}";
            if (c.Cipher == null)
            {
                throw KeyFileErrors.UnsupportedEncryption(source, "the cipher " + c.CipherName, reEncrypt);
            }

            if (c.KdfName != OpenSshPrivateKeyFormat.KdfBcrypt)
            {
                throw KeyFileErrors.UnsupportedEncryption(source, "the key derivation " + c.KdfName, reEncrypt);
            }

            if (c.Rounds > OpenSshPrivateKeyFormat.MaxRounds)
            {
                throw TooManyRounds(source, c.Rounds);
            }

            if (passphrase == null || passphrase.Length == 0)
            {
                throw KeyFileErrors.PassphraseRequired(source);
            }

            SshCipher cipher = c.Cipher;
            byte[] keyAndIv = BcryptPbkdf.DeriveKey(passphrase, c.Salt, (int)c.Rounds, cipher.KeyLength + cipher.IvLength, cancellation: cancellation);
            byte[] key = OpenSshPrivateKeyWriter.Slice(keyAndIv, 0, cipher.KeyLength);
            byte[] iv = OpenSshPrivateKeyWriter.Slice(keyAndIv, cipher.KeyLength, cipher.IvLength);
            byte[] input = new byte[c.PrivateSection.Length + c.Tag.Length];
            Buffer.BlockCopy(c.PrivateSection, 0, input, 0, c.PrivateSection.Length);
            Buffer.BlockCopy(c.Tag, 0, input, c.PrivateSection.Length, c.Tag.Length);
            try
            {
                return cipher.Decrypt(key, iv, input);
            }
            catch (CryptographicException ex)
            {
                throw KeyFileErrors.WrongPassphrase(source, ex);
            }
            finally
            {
                Array.Clear(keyAndIv, 0, keyAndIv.Length);
                Array.Clear(key, 0, key.Length);
            }
        }

        private static Container Parse(string text, string source)
        {
            try
            {
                byte[] blob = OpenSshArmor.Unwrap(text);
                byte[] magic = Encoding.ASCII.GetBytes(OpenSshPrivateKeyFormat.Magic);
                var reader = new SshWireReader(blob);
                if (blob.Length < magic.Length || Encoding.ASCII.GetString(reader.ReadBytes(magic.Length)) != OpenSshPrivateKeyFormat.Magic)
                {
                    throw new FormatException("it does not start with openssh-key-v1.");
                }

                var c = new Container();
                string cipherName = reader.ReadUtf8String();
                string kdfName = reader.ReadUtf8String();
                byte[] kdfOptions = reader.ReadString();
                if (reader.ReadUInt32() != 1)
                {
                    throw new FormatException("it holds more than one key.");
                }

                c.PublicKey = new SshPublicKey(reader.ReadString(), "");
                c.PrivateSection = reader.ReadString();
                c.Encrypted = cipherName != OpenSshPrivateKeyFormat.CipherNone;
                c.CipherName = cipherName;
                c.KdfName = kdfName;
                c.Cipher = SshCipher.Find(cipherName);
                if (c.Encrypted && c.Cipher != null && kdfName == OpenSshPrivateKeyFormat.KdfBcrypt)
                {
                    var options = new SshWireReader(kdfOptions);
                    c.Salt = options.ReadString();
                    uint rounds = options.ReadUInt32();
                    if (c.Salt.Length == 0 || c.Salt.Length > MaxSaltLength || rounds == 0)
                    {
                        throw new FormatException("its bcrypt salt or rounds are invalid.");
                    }

                    c.Rounds = rounds;
                    c.Tag = reader.ReadBytes(c.Cipher.TagLength);
                    if (c.PrivateSection.Length % c.Cipher.BlockSize != 0)
                    {
                        throw new FormatException("its encrypted part is not a whole number of cipher blocks.");
                    }
                }

                return c;
            }
            catch (FormatException ex)
            {
                throw KeyFileErrors.Invalid(source, ex.Message, ex);
            }
        }

        private static EspriException TooManyRounds(string source, uint rounds) =>
            new EspriException(ErrorIds.KdfTooExpensive,
                $"{UntrustedText.Quoted(source)} asks for {rounds} bcrypt rounds to check its passphrase, more than the {OpenSshPrivateKeyFormat.MaxRounds} EspriSsh accepts " +
                $"(ssh-keygen writes 16 to 100; {OpenSshPrivateKeyFormat.MaxRounds} already take about 2 seconds). It was not attempted. " +
                $"If you made this key yourself with a large -a, lower it on a copy: {KeyAdvice.SshKeygenOnCopy(source, "-a 100")}", source);

        private sealed class Container
        {
            public SshPublicKey PublicKey = null!;
            public byte[] PrivateSection = new byte[0];
            public byte[] Tag = new byte[0];
            public byte[] Salt = new byte[0];
            public uint Rounds;
            public bool Encrypted;
            public SshCipher? Cipher;
            public string CipherName = "";
            public string KdfName = "";
        }
    }
}
