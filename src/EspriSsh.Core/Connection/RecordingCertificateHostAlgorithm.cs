using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// RecordingKeyHostAlgorithm for a certificate: SSH.NET reads Data (the certificate) when it
    /// offers it and calls Sign once the server accepted it.
    /// </summary>
    internal sealed class RecordingCertificateHostAlgorithm : CertificateHostAlgorithm
    {
        private readonly KeyOffer offer;

        /// <summary>With the key's own signer (ED25519, ECDSA).</summary>
        public RecordingCertificateHostAlgorithm(string name, Key key, Certificate certificate, KeyOffer offer)
            : base(name, key, certificate)
        {
            this.offer = offer;
        }

        /// <summary>With an explicit signer: RSA needs SHA-2 signatures matching the algorithm name.</summary>
        public RecordingCertificateHostAlgorithm(string name, Key key, Certificate certificate, DigitalSignature signature, KeyOffer offer)
            : base(name, key, certificate, signature)
        {
            this.offer = offer;
        }

        public override byte[] Data
        {
            get
            {
                offer.Offered = true;
                return base.Data;
            }
        }

        public override byte[] Sign(byte[] data)
        {
            offer.Accepted = true;
            return base.Sign(data);
        }
    }
}
