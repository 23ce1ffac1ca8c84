namespace EspriSsh.Core.Keys
{
    public sealed class Ed25519PrivateKey : SshPrivateKey
    {
        public const string TypeName = "ssh-ed25519";

        public Ed25519PrivateKey(byte[] seed, byte[] publicKey)
        {
            Seed = seed;
            PublicKeyBytes = publicKey;
        }

        /// <summary>The 32-byte private seed.</summary>
        public byte[] Seed { get; }

        /// <summary>The 32-byte public point.</summary>
        public byte[] PublicKeyBytes { get; }

        public override string KeyType => TypeName;

        public override int Bits => 256;

        public override byte[] PublicKeyBlob => new SshWireWriter().WriteString(TypeName).WriteString(PublicKeyBytes).ToArray();
    }
}
