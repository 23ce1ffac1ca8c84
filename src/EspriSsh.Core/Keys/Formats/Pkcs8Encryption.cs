using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// "BEGIN ENCRYPTED PRIVATE KEY" (PKCS#8 EncryptedPrivateKeyInfo) as OpenSSL writes it: PBES2 with
    /// PBKDF2 (HMAC-SHA-1/224/256/384/512) and AES-128/192/256-CBC or DES-EDE3-CBC. The scheme is
    /// checked here, before any passphrase is asked; BouncyCastle derives the key and decrypts.
    /// Legacy PBES1/PKCS#12 schemes (DES, RC2, RC4) are refused with a way out.
    /// </summary>
    internal static class Pkcs8Encryption
    {
        /// <summary>
        /// OpenSSL writes 2048 iterations. 200000 cost ~0.7 s in the slowest accepted case (HMAC-SHA-224,
        /// two PBKDF2 blocks for an AES-256 key) on the reference machine; BouncyCastle cannot be
        /// interrupted, so this bound is also what keeps Ctrl+C under a second.
        /// </summary>
        public const int MaxIterations = 200000;

        private static readonly Dictionary<string, string> Prfs = new Dictionary<string, string>
        {
            [PkcsObjectIdentifiers.IdHmacWithSha1.Id] = "HMAC-SHA-1",
            [PkcsObjectIdentifiers.IdHmacWithSha224.Id] = "HMAC-SHA-224",
            [PkcsObjectIdentifiers.IdHmacWithSha256.Id] = "HMAC-SHA-256",
            [PkcsObjectIdentifiers.IdHmacWithSha384.Id] = "HMAC-SHA-384",
            [PkcsObjectIdentifiers.IdHmacWithSha512.Id] = "HMAC-SHA-512",
        };

        private static readonly Dictionary<string, string> Ciphers = new Dictionary<string, string>
        {
            [NistObjectIdentifiers.IdAes128Cbc.Id] = "AES-128-CBC",
            [NistObjectIdentifiers.IdAes192Cbc.Id] = "AES-192-CBC",
            [NistObjectIdentifiers.IdAes256Cbc.Id] = "AES-256-CBC",
            [PkcsObjectIdentifiers.DesEde3Cbc.Id] = "DES-EDE3-CBC",
        };

        // PKCS#5 v1.5 (PBES1) and PKCS#12 schemes: 56-bit DES, RC2 or RC4 under MD2/MD5/SHA-1.
        private static readonly Dictionary<string, string> LegacySchemes = new Dictionary<string, string>
        {
            [PkcsObjectIdentifiers.PbeWithMD2AndDesCbc.Id] = "PBES1 MD2 and DES-CBC",
            [PkcsObjectIdentifiers.PbeWithMD2AndRC2Cbc.Id] = "PBES1 MD2 and RC2-CBC",
            [PkcsObjectIdentifiers.PbeWithMD5AndDesCbc.Id] = "PBES1 MD5 and DES-CBC",
            [PkcsObjectIdentifiers.PbeWithMD5AndRC2Cbc.Id] = "PBES1 MD5 and RC2-CBC",
            [PkcsObjectIdentifiers.PbeWithSha1AndDesCbc.Id] = "PBES1 SHA-1 and DES-CBC",
            [PkcsObjectIdentifiers.PbeWithSha1AndRC2Cbc.Id] = "PBES1 SHA-1 and RC2-CBC",
            [PkcsObjectIdentifiers.PbeWithShaAnd128BitRC4.Id] = "PKCS#12 SHA-1 and 128-bit RC4",
            [PkcsObjectIdentifiers.PbeWithShaAnd40BitRC4.Id] = "PKCS#12 SHA-1 and 40-bit RC4",
            [PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc.Id] = "PKCS#12 SHA-1 and 3-key triple DES",
            [PkcsObjectIdentifiers.PbeWithShaAnd2KeyTripleDesCbc.Id] = "PKCS#12 SHA-1 and 2-key triple DES",
            [PkcsObjectIdentifiers.PbeWithShaAnd128BitRC2Cbc.Id] = "PKCS#12 SHA-1 and 128-bit RC2",
            [PkcsObjectIdentifiers.PbewithShaAnd40BitRC2Cbc.Id] = "PKCS#12 SHA-1 and 40-bit RC2",
        };

        /// <summary>
        /// Checks that the scheme is one we open, with sane numbers. Throws KeyEncryptionUnsupported,
        /// KdfTooExpensive, or FormatException (damaged structure; the caller reports KeyFormatInvalid).
        /// </summary>
        public static void EnsureSupported(EncryptedPrivateKeyInfo info, string source)
        {
            DerObjectIdentifier scheme = info.EncryptionAlgorithm.Algorithm;
            if (LegacySchemes.TryGetValue(scheme.Id, out string? legacy))
            {
                throw KeyFileErrors.UnsupportedEncryption(source, $"the old {legacy} scheme", ReEncrypt(source, legacyProvider: true));
            }

            if (!scheme.Equals(PkcsObjectIdentifiers.IdPbeS2))
            {
                throw KeyFileErrors.UnsupportedEncryption(source, $"the encryption scheme {scheme.Id}", ReEncrypt(source, legacyProvider: false));
            }

            PbeS2Parameters parameters = PbeS2Parameters.GetInstance(info.EncryptionAlgorithm.Parameters);
            if (!parameters.KeyDerivationFunc.Algorithm.Equals(PkcsObjectIdentifiers.IdPbkdf2))
            {
                throw KeyFileErrors.UnsupportedEncryption(source, $"the key derivation {parameters.KeyDerivationFunc.Algorithm.Id} (not PBKDF2)", ReEncrypt(source, legacyProvider: false));
            }

            if (!Ciphers.ContainsKey(parameters.EncryptionScheme.Algorithm.Id))
            {
                throw KeyFileErrors.UnsupportedEncryption(source, $"the cipher {parameters.EncryptionScheme.Algorithm.Id}", ReEncrypt(source, legacyProvider: false));
            }

            Pbkdf2Params kdf = Pbkdf2Params.GetInstance(parameters.KeyDerivationFunc.Parameters);
            if (!kdf.IsDefaultPrf && !Prfs.ContainsKey(kdf.Prf.Algorithm.Id))
            {
                throw KeyFileErrors.UnsupportedEncryption(source, $"the PBKDF2 hash {kdf.Prf.Algorithm.Id}", ReEncrypt(source, legacyProvider: false));
            }

            if (kdf.IterationCount.SignValue <= 0)
            {
                throw new FormatException("its PBKDF2 iteration count is zero.");
            }

            if (kdf.IterationCount.BitLength > 31 || kdf.IterationCount.IntValue > MaxIterations)
            {
                throw new EspriException(ErrorIds.KdfTooExpensive,
                    $"{UntrustedText.Quoted(source)} asks for {kdf.IterationCount} PBKDF2 iterations to check its passphrase, more than the {MaxIterations} EspriSsh accepts " +
                    "(OpenSSL writes 2048). It was not attempted. If you made this file yourself, re-encrypt it into a new file with fewer: " +
                    $"openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 100000 -in {UntrustedText.Quoted(source)} -out '{source}-aes.pem'", source);
            }
        }

        /// <summary>
        /// Decrypts an EnsureSupported structure into the DER of its PrivateKeyInfo (the caller parses
        /// it: garbage there is a wrong passphrase whose padding happened to look right). Each step
        /// catches only what BouncyCastle documents for it: bad padding (InvalidCipherTextException)
        /// is a wrong passphrase; parameters the cipher refuses (ArgumentException: an IV of the wrong
        /// size...) and data that is not whole blocks (DataLengthException) are a damaged file. Anything
        /// else is a bug and stays one. The passphrase is UTF-8, what OpenSSL feeds PBKDF2.
        /// </summary>
        public static byte[] Decrypt(EncryptedPrivateKeyInfo info, byte[] passphrase, string source, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            char[] password = Encoding.UTF8.GetChars(passphrase);
            IBufferedCipher cipher;
            try
            {
                // EnsureSupported admitted PBES2 with a cipher PbeUtilities makes: never null here.
                cipher = (IBufferedCipher)PbeUtilities.CreateEngine(info.EncryptionAlgorithm);
                cipher.Init(false, PbeUtilities.GenerateCipherParameters(info.EncryptionAlgorithm, password));
            }
            catch (ArgumentException ex)
            {
                throw KeyFileErrors.Invalid(source, "its encryption parameters are damaged.", ex);
            }
            finally
            {
                Array.Clear(password, 0, password.Length);
            }

            byte[] data = info.GetEncryptedData();
            if (data.Length == 0)
            {
                throw KeyFileErrors.Invalid(source, "it holds no encrypted data.");
            }

            try
            {
                return cipher.DoFinal(data);
            }
            catch (InvalidCipherTextException ex)
            {
                throw KeyFileErrors.WrongPassphrase(source, ex);
            }
            catch (DataLengthException ex)
            {
                throw KeyFileErrors.Invalid(source, "its encrypted data is not a whole number of cipher blocks (cut or damaged).", ex);
            }
        }

        private static string ReEncrypt(string source, bool legacyProvider) =>
            "Re-encrypt it into a new file with OpenSSL 3, then use that file: openssl pkcs8 -topk8 -v2 aes-256-cbc " +
            (legacyProvider ? "-provider legacy -provider default " : "") + $"-in {UntrustedText.Quoted(source)} -out '{source}-aes.pem'";
    }
}
