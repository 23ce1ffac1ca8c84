namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// A decrypted private key, independent of the file format it came from (OpenSSH, PEM, PPK).
    /// Numbers are unsigned big-endian magnitudes, so no crypto library type leaks out.
    /// </summary>
    public abstract class SshPrivateKey
    {
        /// <summary>The SSH type name: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ssh-dss.</summary>
        public abstract string KeyType { get; }

        /// <summary>Key size as ssh-keygen -l prints it.</summary>
        public abstract int Bits { get; }

        public string Comment { get; set; } = "";

        /// <summary>The public key in SSH wire format (the base64 part of the .pub line).</summary>
        public abstract byte[] PublicKeyBlob { get; }

        public SshPublicKey PublicKey => new SshPublicKey(PublicKeyBlob, Comment);

        internal static int BitLength(byte[] unsignedBigEndian)
        {
            int i = 0;
            while (i < unsignedBigEndian.Length && unsignedBigEndian[i] == 0)
            {
                i++;
            }

            if (i == unsignedBigEndian.Length)
            {
                return 0;
            }

            int top = unsignedBigEndian[i], bits = 0;
            while (top != 0)
            {
                bits++;
                top >>= 1;
            }

            return (unsignedBigEndian.Length - i - 1) * 8 + bits;
        }
    }
}
