using System;
using System.IO;
using System.Text;
using System.Threading;
using EspriSsh.Core.Crypto;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Keys.Corpus;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// Issue 14 item 4: a file asking for more key-derivation work than the caps is refused before
    /// any work and before any passphrase is asked (KdfTooExpensive, PpkKdfTooExpensive), and every
    /// KDF stops when its cancellation token fires (what Ctrl+C triggers). Times are in bench/, not here.
    /// </summary>
    public sealed class KdfLimitTests
    {
        private static readonly byte[] Passphrase = Encoding.UTF8.GetBytes("mekmitasdigoat");

        [Theory]
        [InlineData("bcrypt_501_rounds", ErrorIds.KdfTooExpensive)]
        [InlineData("bcrypt_2147483647_rounds", ErrorIds.KdfTooExpensive)]
        [InlineData("pk8_enc-rsa-300000-iterations.pem", ErrorIds.KdfTooExpensive)]
        [InlineData("putty_v3_huge_memory.ppk", ErrorIds.PpkKdfTooExpensive)]
        [InlineData("putty_v3_huge_passes.ppk", ErrorIds.PpkKdfTooExpensive)]
        public void AFileAskingTooMuchWorkIsRefusedBeforeThePassphraseIsAsked(string file, string errorId)
        {
            // Without a passphrase: the refusal comes first, not PassphraseRequired (the user is never asked for nothing).
            var error = Assert.ThrowsAny<EspriException>(() => PrivateKeyFileReader.ReadFile(CorpusEntry.Named(file).Path, null));
            Assert.Equal(errorId, error.ErrorId);
        }

        [Fact]
        public void TheRoundsNewEspriKeyMayWriteAreTheRoundsTheReaderAccepts()
        {
            Assert.Equal(OpenSshPrivateKeyFormat.MaxRounds, OpenSshPrivateKeyWriter.MaxRounds);
            SshPrivateKey key = KeyGenerator.Ed25519("max");
            byte[] file = OpenSshPrivateKeyWriter.Write(key, Encoding.UTF8.GetBytes("pw"), OpenSshPrivateKeyWriter.MaxRounds);
            Assert.True(PrivateKeyFileReader.Read(file, Encoding.UTF8.GetBytes("pw"), "max").Key.PublicKey.SameKeyAs(key.PublicKey));
        }

        [Fact]
        public void BcryptStopsAtTheNextRoundOnceCancelled()
        {
            using var cancel = new CancellationTokenSource();
            double reached = 0;
            Assert.ThrowsAny<OperationCanceledException>(() => BcryptPbkdf.DeriveKey(Passphrase, new byte[16], OpenSshPrivateKeyWriter.MaxRounds, 48,
                fraction =>
                {
                    reached = fraction;
                    cancel.Cancel();
                },
                cancel.Token));
            Assert.Equal(1.0 / OpenSshPrivateKeyWriter.MaxRounds, reached, 9);
        }

        [Fact]
        public void Argon2StopsAtTheNextSliceOnceCancelled()
        {
            using var cancel = new CancellationTokenSource();
            double reached = 0;
            Assert.ThrowsAny<OperationCanceledException>(() => Argon2.Hash(Argon2Type.Argon2id, Passphrase, new byte[16], 8192, 8, 1, 32,
                progress: fraction =>
                {
                    reached = fraction;
                    cancel.Cancel();
                },
                cancellation: cancel.Token));
            Assert.Equal(1.0 / (8 * 4), reached, 9);
        }

        [Theory]
        [InlineData("ed25519_1_pw")]
        [InlineData("putty_v3_argon2id.ppk")]
        [InlineData("pk8_enc-rsa-pkcs8.pem")]
        public void EveryEncryptedFormatHonoursAFiredToken(string file)
        {
            CorpusEntry entry = CorpusEntry.Named(file);
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() =>
                PrivateKeyFileReader.ReadFile(entry.Path, Encoding.UTF8.GetBytes(entry.Passphrase), cancel.Token));
        }

        [Fact]
        public void KeyConversionStopsTheArgon2OfAPpkSource()
        {
            using var dir = new TempDirectory();
            CorpusEntry entry = CorpusEntry.Named("putty_v3_argon2id.ppk");
            KeyConversionPlan plan = KeyConversionService.Plan(
                new KeyConversionRequest { SourcePath = entry.Path, Destination = dir.File("out"), SshDirectory = dir.Path }, SiteProfileLoader.Default);
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => KeyConversionService.Read(plan, Encoding.UTF8.GetBytes(entry.Passphrase), SiteProfileLoader.Default, null, cancel.Token));
            Assert.False(File.Exists(dir.File("out")));
        }
    }
}
