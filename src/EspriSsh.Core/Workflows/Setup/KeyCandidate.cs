using EspriSsh.Core.Display;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>A key the site accepts, found on this computer: one ssh already uses, or a PuTTY key to install.</summary>
    public sealed class KeyCandidate
    {
        public KeyCandidate(string path, bool installed, string type, int bits, string fingerprint, bool encrypted, KeyPolicyVerdict verdict)
        {
            Path = path;
            Installed = installed;
            Type = type;
            Bits = bits;
            Fingerprint = fingerprint;
            Encrypted = encrypted;
            Verdict = verdict;
        }

        public string Path { get; }

        /// <summary>In the ssh folder in a format ssh reads (used as it is); false for a .ppk to install.</summary>
        public bool Installed { get; }

        public string Type { get; }

        public int Bits { get; }

        public string Fingerprint { get; }

        public bool Encrypted { get; }

        /// <summary>Preferred or Tolerated: refused keys are never candidates.</summary>
        public KeyPolicyVerdict Verdict { get; }

        /// <summary>"'/home/me/.ssh/id_rsa' (ssh-rsa, 4096 bits, tolerated)".</summary>
        public override string ToString() =>
            $"{UntrustedText.Quoted(Path)} ({Type}, {Bits} bits, {(Installed ? "" : "PuTTY key, ")}{Verdict.ToString().ToLowerInvariant()})";
    }
}
