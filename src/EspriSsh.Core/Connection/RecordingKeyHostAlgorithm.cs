using System;
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
        private readonly byte[]? blob;
        private readonly Func<byte[], byte[]?>? sign;

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

        /// <summary>
        /// Signed elsewhere (the agent, or a key decrypted only when needed): <paramref name="publicKey"/>
        /// holds no private part, <paramref name="blob"/> is sent as is, <paramref name="sign"/> returns
        /// the SSH signature blob, or null to skip the key (SSH.NET then sends a query, which the server
        /// does not count as a failure, and goes on to the next key).
        /// </summary>
        public RecordingKeyHostAlgorithm(string name, Key publicKey, byte[] blob, Func<byte[], byte[]?> sign, KeyOffer offer)
            : base(name, publicKey)
        {
            this.offer = offer;
            this.blob = blob;
            this.sign = sign;
        }

        public override byte[] Data
        {
            get
            {
                offer.Offered = true;
                return blob ?? base.Data;
            }
        }

        /// <summary>
        /// SSH.NET signs the only key it has before sending it; ssh sends a query first and signs after
        /// the server's yes. Set, the first request goes out unsigned (a query) and the signature is made
        /// only for the server's yes: no agent dialog, no passphrase for a key the server refuses.
        /// </summary>
        public bool QueryFirst { get; set; }

        public override byte[] Sign(byte[] data)
        {
            if (QueryFirst)
            {
                QueryFirst = false;
                return null!; // SSH.NET sends a request without signature: a query
            }

            offer.SignatureRequested = true;
            byte[]? signature = sign == null ? base.Sign(data) : sign(data);
            offer.Accepted |= signature != null;
            return signature!;
        }
    }
}
