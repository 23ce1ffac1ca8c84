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
    }
}
