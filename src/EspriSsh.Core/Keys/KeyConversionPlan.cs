using EspriSsh.Core.Keys.Formats;
namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// A conversion checked before any passphrase is asked: the source is readable and allowed, the
    /// output format and file are decided, and nothing would be overwritten without force.
    /// </summary>
    public sealed class KeyConversionPlan
    {
        internal KeyConversionPlan(
            string sourcePath, byte[] sourceContent, PpkFile? ppk, PrivateKeyPeek peek, KeyOutputFormat outputFormat, string destination, bool force)
        {
            SourcePath = sourcePath;
            SourceContent = sourceContent;
            Ppk = ppk;
            Peek = peek;
            OutputFormat = outputFormat;
            Destination = destination;
            Force = force;
        }

        public string SourcePath { get; }

        /// <summary>"PPK", "OpenSSH", "PEM".</summary>
        public string SourceFormat => Peek.Format;

        public bool SourceEncrypted => Peek.Encrypted;

        /// <summary>Argon2 runs when the source is an encrypted PPK v3: worth a progress bar.</summary>
        public bool SourceUsesArgon2 => Ppk?.Kdf != null;

        public KeyOutputFormat OutputFormat { get; }

        public string Destination { get; }

        public string PublicKeyPath => Destination + ".pub";

        public bool Force { get; }

        public bool ReplacesExisting => System.IO.File.Exists(Destination) || System.IO.File.Exists(PublicKeyPath);

        internal byte[] SourceContent { get; }

        internal PpkFile? Ppk { get; }

        internal PrivateKeyPeek Peek { get; }
    }
}
