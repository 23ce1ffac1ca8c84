namespace EspriSsh.Core.Keys
{
    public sealed class RsaPrivateKey : SshPrivateKey
    {
        public const string TypeName = "ssh-rsa";

        public RsaPrivateKey(byte[] modulus, byte[] publicExponent, byte[] privateExponent, byte[] p, byte[] q, byte[] inverseQ)
        {
            Modulus = modulus;
            PublicExponent = publicExponent;
            PrivateExponent = privateExponent;
            P = p;
            Q = q;
            InverseQ = inverseQ;
        }

        public byte[] Modulus { get; }

        public byte[] PublicExponent { get; }

        public byte[] PrivateExponent { get; }

        public byte[] P { get; }

        public byte[] Q { get; }

        /// <summary>q^-1 mod p ("iqmp").</summary>
        public byte[] InverseQ { get; }

        public override string KeyType => TypeName;

        public override int Bits => BitLength(Modulus);

        public override byte[] PublicKeyBlob => new SshWireWriter().WriteString(TypeName).WriteMpint(PublicExponent).WriteMpint(Modulus).ToArray();
    }
}
