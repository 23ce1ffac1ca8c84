namespace EspriSsh.Core.Keys
{
    /// <summary>DSA keys are read (users still have them) so they can be reported and refused by policy.</summary>
    public sealed class DsaPrivateKey : SshPrivateKey
    {
        public const string TypeName = "ssh-dss";

        public DsaPrivateKey(byte[] p, byte[] q, byte[] g, byte[] y, byte[] x)
        {
            P = p;
            Q = q;
            G = g;
            Y = y;
            X = x;
        }

        public byte[] P { get; }

        public byte[] Q { get; }

        public byte[] G { get; }

        public byte[] Y { get; }

        public byte[] X { get; }

        public override string KeyType => TypeName;

        public override int Bits => BitLength(P);

        public override byte[] PublicKeyBlob => new SshWireWriter().WriteString(TypeName).WriteMpint(P).WriteMpint(Q).WriteMpint(G).WriteMpint(Y).ToArray();
    }
}
