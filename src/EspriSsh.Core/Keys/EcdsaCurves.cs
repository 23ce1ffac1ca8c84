using System.Linq;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;

namespace EspriSsh.Core.Keys
{
    /// <summary>The three NIST curves of ecdsa-sha2-* keys: SSH names, ASN.1 object identifiers, parameters.</summary>
    internal static class EcdsaCurves
    {
        private static readonly (string Name, DerObjectIdentifier Oid)[] Known =
        {
            ("nistp256", SecObjectIdentifiers.SecP256r1),
            ("nistp384", SecObjectIdentifiers.SecP384r1),
            ("nistp521", SecObjectIdentifiers.SecP521r1),
        };

        /// <summary>nistp256, nistp384 or nistp521 for a named-curve OID; null for any other curve.</summary>
        public static string? NameOf(DerObjectIdentifier? oid) => oid == null ? null : Known.FirstOrDefault(c => c.Oid.Equals(oid)).Name;

        /// <summary>The curve's parameters; null when the name is not one of the three.</summary>
        public static X9ECParameters? Parameters(string curveName)
        {
            DerObjectIdentifier? oid = Known.FirstOrDefault(c => c.Name == curveName).Oid;
            return oid == null ? null : ECNamedCurveTable.GetByOid(oid);
        }
    }
}
