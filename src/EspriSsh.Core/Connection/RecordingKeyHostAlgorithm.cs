using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// SSH.NET tells nobody which key it offered or which one the server took. It reads Data when it
    /// sends the public key and calls Sign only after the server's PK_OK: recording both answers the
    /// user's first question after "Permission denied".
    /// </summary>
    internal sealed class RecordingKeyHostAlgorithm : KeyHostAlgorithm
    {
        private readonly KeyOffer offer;

        /// <summary>With the key's own signer (ED25519, ECDSA).</summary>
        public RecordingKeyHostAlgorithm(string name, Key key, KeyOffer offer)
            : base(name, key)
        {
            this.offer = offer;
        }

        /// <summary>With an explicit signer: RSA needs SHA-2 signatures matching the algorithm name.</summary>
        public RecordingKeyHostAlgorithm(string name, Key key, DigitalSignature signature, KeyOffer offer)
            : base(name, key, signature)
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
