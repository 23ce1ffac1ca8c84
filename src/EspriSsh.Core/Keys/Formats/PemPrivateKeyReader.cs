using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Errors;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// OpenSSL's private key files: legacy PEM ("RSA/DSA/EC PRIVATE KEY", ssh-keygen -m PEM),
    /// optionally encrypted with Proc-Type/DEK-Info (LegacyPemEncryption), and PKCS#8 ("PRIVATE KEY",
    /// ssh-keygen -m PKCS8, OpenSSL 3's default, Ed25519 included; "ENCRYPTED PRIVATE KEY", PBES2 via
    /// Pkcs8Encryption). An encrypted legacy file still tells its type by its label.
    /// </summary>
    public sealed class PemPrivateKeyReader : IPrivateKeyFormat
    {
        public const string FormatName = "PEM";
        public const string Pkcs8FormatName = "PKCS#8";

        private const string Pkcs8Label = "PRIVATE KEY";
        private const string EncryptedPkcs8Label = "ENCRYPTED PRIVATE KEY";

        private static readonly string[] EcdsaTypes = { "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" };

        // Legacy labels and the key types they can hold.
        private static readonly Dictionary<string, string[]> LegacyLabels = new Dictionary<string, string[]>
        {
            ["RSA PRIVATE KEY"] = new[] { RsaPrivateKey.TypeName },
            ["DSA PRIVATE KEY"] = new[] { DsaPrivateKey.TypeName },
            ["EC PRIVATE KEY"] = EcdsaTypes,
        };

        private static readonly string[] Labels = LegacyLabels.Keys.Concat(new[] { Pkcs8Label, EncryptedPkcs8Label }).ToArray();

        public string Name => "PEM/PKCS#8";

        public bool Recognizes(string text) => PemBlock.Find(text, Labels) != null;

        public PrivateKeyPeek Peek(string text, string source)
        {
            PemBlock block = Find(text, source);
            if (block.Label == EncryptedPkcs8Label)
            {
                return new PrivateKeyPeek(Pkcs8FormatName, true, null, null, source);
            }

            if (block.HasEncryptionHeader)
            {
                string[] types = LegacyLabels[block.Label];
                return new PrivateKeyPeek(FormatName, true, types.Length == 1 ? types[0] : null, null, source, possibleKeyTypes: types);
            }

            SshPrivateKey key = Read(text, null, source).Key;
            return new PrivateKeyPeek(FormatOf(block), false, key.KeyType, key.PublicKey, source);
        }

        public PrivateKeyFile Read(string text, byte[]? passphrase, string source, CancellationToken cancellation = default)
        {
            PemBlock block = Find(text, source);
            byte[] der = Parse(source, block.Decode);
            bool encrypted = block.Label == EncryptedPkcs8Label || block.HasEncryptionHeader;
            try
            {
                SshPrivateKey key = encrypted ? ReadEncrypted(block, der, passphrase, source, cancellation) : Decode(block.Label, der, source);
                PrivateKeyValidator.Check(key, source);
                return new PrivateKeyFile(key, FormatOf(block), encrypted, source);
            }
            finally
            {
                Array.Clear(der, 0, der.Length);
            }
        }

        private static SshPrivateKey ReadEncrypted(PemBlock block, byte[] der, byte[]? passphrase, string source, CancellationToken cancellation)
        {
            EncryptedPrivateKeyInfo? info = null;
            if (block.Label == EncryptedPkcs8Label)
            {
                // The scheme is judged before the passphrase is asked: a refused file should not make the user type it.
                info = Parse(source, () => EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der)));
                Parse(source, () => Pkcs8Encryption.EnsureSupported(info, source));
            }

            if (passphrase == null || passphrase.Length == 0)
            {
                throw KeyFileErrors.PassphraseRequired(source);
            }

            byte[] decrypted = info != null ? Pkcs8Encryption.Decrypt(info, passphrase, source, cancellation) : LegacyPemEncryption.Decrypt(block, der, passphrase, source);
            try
            {
                // A wrong passphrase whose padding happened to look right leaves garbage: not "damaged".
                // PKCS#8: bytes after the structure inside the encrypted data are ignored, as OpenSSL ignores them.
                return AfterDecryption(source, () => Decode(info != null ? Pkcs8Label : block.Label, decrypted, source, firstObjectOnly: info != null));
            }
            finally
            {
                Array.Clear(decrypted, 0, decrypted.Length);
            }
        }

        private static SshPrivateKey Decode(string label, byte[] der, string source, bool firstObjectOnly = false) => Parse(source, () =>
        {
            Asn1Object structure = (firstObjectOnly ? Asn1Object.FromStream(new MemoryStream(der, false)) : Asn1Object.FromByteArray(der))
                ?? throw new FormatException("it holds no key structure."); // FromStream of nothing
            switch (label)
            {
                case "RSA PRIVATE KEY":
                    return Asn1PrivateKeyDecoder.Rsa(structure);
                case "DSA PRIVATE KEY":
                    return Asn1PrivateKeyDecoder.Dsa(structure);
                case "EC PRIVATE KEY":
                    return Asn1PrivateKeyDecoder.Ec(structure, source);
                default:
                    return Asn1PrivateKeyDecoder.FromPrivateKeyInfo(PrivateKeyInfo.GetInstance(structure), source);
            }
        });

        private static PemBlock Find(string text, string source) => PemBlock.Find(text, Labels) ?? throw KeyFileErrors.Invalid(source, "no PEM private key block found.");

        private static string FormatOf(PemBlock block) => LegacyLabels.ContainsKey(block.Label) ? FormatName : Pkcs8FormatName;

        private static void Parse(string source, Action parse) => Parse(source, () =>
        {
            parse();
            return 0;
        });

        /// <summary>
        /// Runs BouncyCastle's ASN.1 parsing of file content. What its decoders document for malformed
        /// input is a damaged file, KeyFormatInvalid: IOException (Asn1Object.FromByteArray),
        /// ArgumentException (GetInstance of the wrong structure), Asn1ParsingException (content read
        /// lazily), and our own FormatException. Anything else is a bug, and is reported as one.
        /// </summary>
        private static T Parse<T>(string source, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (Exception ex) when (IsMalformedInput(ex))
            {
                throw KeyFileErrors.Invalid(source, ex is FormatException ? ex.Message : "its ASN.1 content is damaged.", ex);
            }
        }

        private static T AfterDecryption<T>(string source, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (EspriException ex) when (ex.ErrorId == ErrorIds.KeyFormatInvalid)
            {
                throw KeyFileErrors.WrongPassphrase(source, ex);
            }
        }

        private static bool IsMalformedInput(Exception ex) => ex is FormatException || ex is IOException || ex is ArgumentException || ex is Asn1ParsingException;
    }
}
