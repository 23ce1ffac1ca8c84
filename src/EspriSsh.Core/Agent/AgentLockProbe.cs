using System.Security.Cryptography;
using EspriSsh.Core.Keys;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Tells a locked OpenSSH agent from an empty one without changing either: both list no key, but a
    /// locked agent refuses every other request, while an unlocked one (OpenSSH 8.9+) accepts a valid
    /// session-bind@openssh.com extension (PROTOCOL.agent). The binding made here is a throw-away host
    /// key's signature of a random session id; it binds only the probe's own connection, closed at once.
    /// </summary>
    internal static class AgentLockProbe
    {
        public const string SessionBindExtension = "session-bind@openssh.com";

        /// <summary>The body of an SSH_AGENTC_EXTENSION request binding a fresh session.</summary>
        public static byte[] SessionBind()
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            var pair = generator.GenerateKeyPair();
            byte[] publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
            byte[] sessionId = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(sessionId);
            }

            var signer = new Ed25519Signer();
            signer.Init(true, pair.Private);
            signer.BlockUpdate(sessionId, 0, sessionId.Length);
            byte[] signature = signer.GenerateSignature();
            byte[] hostKey = new SshWireWriter().WriteString(Ed25519PrivateKey.TypeName).WriteString(publicKey).ToArray();
            return new SshWireWriter()
                .WriteString(SessionBindExtension)
                .WriteString(hostKey)
                .WriteString(sessionId)
                .WriteString(new SshWireWriter().WriteString(Ed25519PrivateKey.TypeName).WriteString(signature).ToArray())
                .WriteRaw(new byte[] { 0 }) // not forwarding
                .ToArray();
        }
    }
}
