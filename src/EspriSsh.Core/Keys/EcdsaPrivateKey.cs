namespace EspriSsh.Core.Keys
{
    public sealed class EcdsaPrivateKey : SshPrivateKey
    {
        public EcdsaPrivateKey(string curveName, byte[] publicPoint, byte[] privateScalar)
        {
            CurveName = curveName;
            PublicPoint = publicPoint;
            PrivateScalar = privateScalar;
        }

        /// <summary>nistp256, nistp384 or nistp521.</summary>
        public string CurveName { get; }

        /// <summary>The uncompressed point (0x04 || X || Y).</summary>
        public byte[] PublicPoint { get; }

        public byte[] PrivateScalar { get; }

        public override string KeyType => "ecdsa-sha2-" + CurveName;

        public override int Bits => CurveName == "nistp521" ? 521 : CurveName == "nistp384" ? 384 : 256;

        public override byte[] PublicKeyBlob => new SshWireWriter().WriteString(KeyType).WriteString(CurveName).WriteString(PublicPoint).ToArray();
    }
}
