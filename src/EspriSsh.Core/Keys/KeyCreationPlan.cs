using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// A key creation checked against the site policy and the disk, before anything is asked or
    /// written: the caller confirms it (ShouldProcess), obtains the passphrase, then creates it.
    /// </summary>
    public sealed class KeyCreationPlan
    {
        internal KeyCreationPlan(NewKeyType type, int bits, string path, string sshDirectory, string comment, int rounds, bool force, IReadOnlyList<string> warnings)
        {
            SshDirectory = sshDirectory;
            Type = type;
            Bits = bits;
            Path = path;
            Comment = comment;
            Rounds = rounds;
            Force = force;
            Warnings = warnings;
        }

        public NewKeyType Type { get; }

        public int Bits { get; }

        public string Path { get; }

        public string PublicKeyPath => Path + ".pub";

        /// <summary>The ssh folder of the request: ssh finds the key by itself only there, under its default name.</summary>
        public string SshDirectory { get; }

        public string Comment { get; }

        public int Rounds { get; }

        public bool Force { get; }

        /// <summary>Tolerated-but-discouraged notes from the site policy (RSA), for the user to read.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>True when a file of the pair exists and will be replaced (with a .bak).</summary>
        public bool ReplacesExisting => System.IO.File.Exists(Path) || System.IO.File.Exists(PublicKeyPath);
    }
}
