using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Keys
{
    /// <summary>The verdict on a pasted public key: usable or not, and the exact line to paste.</summary>
    public sealed class PublicKeyCheck
    {
        public PublicKeyCheck(string? normalized, string? type, int bits, string? fingerprint, IReadOnlyList<PublicKeyProblem> problems, string source)
        {
            Normalized = normalized;
            Type = type;
            Bits = bits;
            Fingerprint = fingerprint;
            Problems = problems.ToArray();
            Source = source;
        }

        public bool Valid => Normalized != null && Problems.All(p => p.Severity != PublicKeyProblemSeverity.Error);

        /// <summary>The one line to paste in the account form (null when there is none).</summary>
        public string? Normalized { get; }

        public string? Type { get; }

        public int Bits { get; }

        public string? Fingerprint { get; }

        public PublicKeyProblem[] Problems { get; }

        /// <summary>Where the text came from: a file path or "(text)".</summary>
        public string Source { get; }

        /// <summary>The key's comment as it was (Normalized holds it escaped): for the readers of .pub files.</summary>
        internal string RawComment { get; set; } = "";
    }
}
