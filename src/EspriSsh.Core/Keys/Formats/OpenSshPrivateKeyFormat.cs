namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>Constants of the openssh-key-v1 container (PROTOCOL.key) shared by its reader and writer.</summary>
    internal static class OpenSshPrivateKeyFormat
    {
        public const string Magic = "openssh-key-v1\0";
        public const string KdfNone = "none";
        public const string KdfBcrypt = "bcrypt";
        public const string CipherNone = "none";

        /// <summary>The private section of an unencrypted key is padded to 8 bytes.</summary>
        public const int UnencryptedBlockSize = 8;

        public const int SaltLength = 16;

        /// <summary>
        /// The most bcrypt rounds a file may ask for, and New-EspriKey may write. ssh-keygen writes 16
        /// or 24 (-a); "-a 100" is common advice. 500 rounds cost about 2.1 s here (our bcrypt_pbkdf,
        /// 2 vCPU; ssh-keygen needs ~4 s): beyond, a file is refused unopened (KdfTooExpensive), as a
        /// hostile one asking 2^31 rounds would otherwise run for months.
        /// </summary>
        public const int MaxRounds = 500;
    }
}
