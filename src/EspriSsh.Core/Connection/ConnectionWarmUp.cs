using System;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Renci.SshNet;
using Renci.SshNet.Security.Cryptography.Ciphers;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The first connection test of a process spends a third of its own time making its code ready:
    /// loading SSH.NET's and BouncyCastle's types, BouncyCastle's curve25519 tables, the system's
    /// hashes and ciphers. None of it needs the server, so while the Config stage reads the files and
    /// ssh judges the config, another thread does it with throw-away keys and data (nothing leaves the
    /// process, nothing is kept). Once per process: later tests find it done. The thread only makes the
    /// later stages' first use cheaper; what they check and report is theirs alone.
    /// </summary>
    internal static class ConnectionWarmUp
    {
        private static int started;

        public static void Start()
        {
            if (Interlocked.Exchange(ref started, 1) == 0)
            {
                new Thread(Run) { IsBackground = true, Name = "EspriSsh warm-up" }.Start();
            }
        }

        private static void Run()
        {
            try
            {
                // The system's hashes first: the plan's %C token (SHA-1) needs them soonest.
                Transport();
                var random = new SecureRandom();
                KeyExchange(random);
                Signatures(random);
                SshNetTypes();
            }
            catch (Exception)
            {
                // A warm-up that fails changes nothing: the stages do the real work and report its failures.
            }
        }

        /// <summary>curve25519-sha256 (what SSH.NET and OpenSSH agree on): two key pairs, one agreement, the exchange hash.</summary>
        private static void KeyExchange(SecureRandom random)
        {
            var generator = new X25519KeyPairGenerator();
            generator.Init(new X25519KeyGenerationParameters(random));
            AsymmetricCipherKeyPair ours = generator.GenerateKeyPair();
            AsymmetricCipherKeyPair theirs = generator.GenerateKeyPair();
            var agreement = new X25519Agreement();
            agreement.Init(ours.Private);
            byte[] secret = new byte[agreement.AgreementSize];
            agreement.CalculateAgreement(theirs.Public, secret, 0);
            using var sha256 = SHA256.Create();
            sha256.ComputeHash(secret);
        }

        /// <summary>ssh-ed25519: the server's host key signature is verified, the user's key signs.</summary>
        private static void Signatures(SecureRandom random)
        {
            var key = new Ed25519PrivateKeyParameters(random);
            byte[] message = new byte[64];
            var signer = new Ed25519Signer();
            signer.Init(true, key);
            signer.BlockUpdate(message, 0, message.Length);
            byte[] signature = signer.GenerateSignature();
            signer.Init(false, key.GeneratePublicKey());
            signer.BlockUpdate(message, 0, message.Length);
            signer.VerifySignature(signature);
        }

        /// <summary>The packets: aes128-ctr as SSH.NET runs it, hmac-sha2-256 (the system's crypto library set up), a socket.</summary>
        private static void Transport()
        {
            byte[] block = new byte[64];
            using (var cipher = new AesCipher(new byte[16], new byte[16], AesCipherMode.CTR, pkcs7Padding: false))
            {
                cipher.Decrypt(cipher.Encrypt(block));
            }

            using (var hmac = new HMACSHA256(new byte[32]))
            {
                hmac.ComputeHash(block);
            }

            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        }

        /// <summary>SSH.NET's algorithm tables and client, made and dropped without connecting.</summary>
        private static void SshNetTypes()
        {
            var info = new ConnectionInfo("localhost", "warm-up", new NoneAuthenticationMethod("warm-up"));
            new SshClient(info).Dispose();
        }
    }
}
