using System;
using System.Collections.Generic;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// How key files (private keys of every format, .pub files) come off the disk: one size limit,
    /// one not-found message, one default file name per key type.
    /// </summary>
    public static class KeyFile
    {
        /// <summary>
        /// A 16384-bit RSA key, the largest OpenSSH makes, is under 16 KB in any format (OpenSSH, PEM,
        /// PPK); four times that leaves room for comments while keeping hostile files cheap to refuse.
        /// </summary>
        public const int MaxBytes = 64 * 1024;

        /// <summary>The bytes of a key file. Throws KeyFileNotFound, NotARegularFile, FileTooLarge, FileUnreadable.</summary>
        public static byte[] Load(string path) =>
            BoundedFileReader.ReadIfExists(path, MaxBytes, "key file")
            ?? throw new EspriException(ErrorIds.KeyFileNotFound,
                $"There is no key file {UntrustedText.Quoted(path)}. Check the path; Get-ChildItem ~/.ssh lists your keys (Get-ChildItem *.ppk the PuTTY keys of the current folder).", path);

        /// <summary>The text of a key file, or null when it is missing or cannot be read (scans report such files by name).</summary>
        public static string? TryLoadText(string path)
        {
            byte[]? content = TryLoad(path);
            return content == null ? null : Text(content);
        }

        /// <summary>The bytes of a key file, or null when it is missing or cannot be read.</summary>
        public static byte[]? TryLoad(string path)
        {
            try
            {
                return BoundedFileReader.ReadIfExists(path, MaxBytes, "key file");
            }
            catch (EspriException)
            {
                return null;
            }
        }

        /// <summary>Key file content as text: UTF-8, a leading byte order mark dropped.</summary>
        public static string Text(byte[] content) => BoundedFileReader.DecodeUtf8(content);

        /// <summary>The private key files ssh offers without being told (in the ssh folder), in its order (OpenSSH 9).</summary>
        public static readonly IReadOnlyList<string> NamesSshTries = new[] { "id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa" };

        /// <summary>
        /// id_ed25519, id_rsa, id_ecdsa, id_dsa: the names ssh tries by itself, for a key type
        /// (ssh-ed25519, ssh-rsa, ecdsa-sha2-*, ssh-dss); null for any other type.
        /// </summary>
        public static string? DefaultFileName(string keyType)
        {
            if (keyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal))
            {
                return "id_ecdsa";
            }

            switch (keyType)
            {
                case Ed25519PrivateKey.TypeName: return "id_ed25519";
                case RsaPrivateKey.TypeName: return "id_rsa";
                case DsaPrivateKey.TypeName: return "id_dsa";
                default: return null;
            }
        }
    }
}
