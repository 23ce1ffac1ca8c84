using System;
using System.Text;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// A parsed PuTTY key file (version 2 or 3): everything readable without the passphrase (type,
    /// comment, public key, whether it is encrypted), and Decrypt, which checks the MAC before the
    /// private half is used. Made by PpkReader.
    /// </summary>
    public sealed class PpkFile
    {
        private readonly byte[] privateBlob;
        private readonly byte[] mac;

        internal PpkFile(
            string path, int version, string keyType, string encryption, byte[] commentBytes, byte[] publicBlob,
            PpkKdfParameters? kdf, byte[] privateBlob, byte[] mac)
        {
            Path = path;
            Version = version;
            KeyType = keyType;
            Encryption = encryption;
            CommentBytes = commentBytes;
            PublicKeyBlob = publicBlob;
            Kdf = kdf;
            this.privateBlob = privateBlob;
            this.mac = mac;
        }

        public string Path { get; }

        public int Version { get; }

        public string KeyType { get; }

        /// <summary>"aes256-cbc" or "none".</summary>
        public string Encryption { get; }

        public bool IsEncrypted => Encryption != PpkReader.NoEncryption;

        /// <summary>The comment as text (PuTTY stores bytes; UTF-8 is what it writes today).</summary>
        public string Comment => Encoding.UTF8.GetString(CommentBytes);

        public byte[] PublicKeyBlob { get; }

        public SshPublicKey PublicKey => new SshPublicKey(PublicKeyBlob, Comment);

        /// <summary>Argon2 settings of an encrypted version 3 file; null otherwise.</summary>
        public PpkKdfParameters? Kdf { get; }

        internal byte[] CommentBytes { get; }

        /// <summary>
        /// The private key. passphrase is UTF-8 (ignored for an unencrypted file); none for an encrypted
        /// file -> PassphraseRequired. Wrong passphrase -> PpkWrongPassphrase; a MAC that fails without encryption means damage -> PpkCorrupt.
        /// progress reports the Argon2 fraction done (version 3 encrypted files only).
        /// </summary>
        public SshPrivateKey Decrypt(byte[]? passphrase, Action<double>? progress = null, CancellationToken cancellation = default)
        {
            if (IsEncrypted && (passphrase == null || passphrase.Length == 0))
            {
                throw KeyFileErrors.PassphraseRequired(Path); // PuTTY never encrypts with an empty passphrase
            }

            byte[] secret = IsEncrypted ? passphrase! : new byte[0];
            PpkKeyMaterial material = Version == 2
                ? PpkKeyMaterial.ForVersion2(secret, IsEncrypted)
                : PpkKeyMaterial.ForVersion3(secret, Kdf, progress, cancellation);
            byte[] plaintext = IsEncrypted ? material.Decrypt(privateBlob) : privateBlob;
            try
            {
                byte[] expected = material.ComputeMac(Version, KeyType, Encryption, CommentBytes, PublicKeyBlob, plaintext);
                if (!FixedTimeEquals(expected, mac))
                {
                    throw IsEncrypted
                        ? WrongPassphraseException.OfPpkFile(
                            $"Wrong passphrase for {UntrustedText.Quoted(Path)}. Type the passphrase you chose in PuTTYgen/MobaXterm for this key (it is case-sensitive).", Path)
                        : Corrupt(Path, "its integrity check (Private-MAC) does not match the contents");
                }

                try
                {
                    SshPrivateKey key = PpkPrivateBlob.ToKey(KeyType, PublicKeyBlob, plaintext);
                    key.Comment = Comment;
                    PrivateKeyValidator.Check(key, Path);
                    return key;
                }
                catch (FormatException ex)
                {
                    throw Corrupt(Path, "its key data does not fit the key type: " + ex.Message, ex);
                }
            }
            finally
            {
                if (IsEncrypted)
                {
                    Array.Clear(plaintext, 0, plaintext.Length);
                }
            }
        }

        internal static EspriException Corrupt(string path, string why, Exception? inner = null) =>
            new EspriException(ErrorIds.PpkCorrupt,
                $"{UntrustedText.Quoted(path)} is a damaged PuTTY key file: {why}. Use a backup copy, or open the key in PuTTYgen and save it again.", path, inner);

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }
    }
}
