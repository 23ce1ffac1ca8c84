using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// The keys a client offered, read from sshd's own log at LogLevel DEBUG3 ("userauth_pubkey: valid
    /// user X querying|attempting public key ALGORITHM BLOB"): the server's view, the same for ssh and
    /// for EspriSsh. A query followed by the signed attempt (or by a repeated query) of the same key and
    /// algorithm is one offer; the same key offered again later is a second one.
    /// </summary>
    internal static class SshdOffers
    {
        private static readonly Regex Line = new Regex(@"userauth_pubkey: valid user \S+ (querying|attempting) public key (\S+) (\S+)", RegexOptions.CultureInvariant);

        /// <summary>"algorithm SHA256:..." per offer, in order, from the log text written since <paramref name="from"/>.</summary>
        public static List<string> In(string log, int from = 0)
        {
            var offers = new List<string>();
            foreach (Match m in Line.Matches(log.Substring(from)))
            {
                byte[] blob = Convert.FromBase64String(m.Groups[3].Value);
                // A certificate is named by its key's fingerprint, as ssh-keygen -l and sshd print it.
                byte[] key = SshCertificate.IsCertificateType(m.Groups[2].Value) ? SshCertificate.TryParse(blob, "", out _)!.CertifiedKey.Blob : blob;
                string offer = m.Groups[2].Value + " " + KeyFingerprint.Sha256(key);
                if (offers.Count == 0 || offers[offers.Count - 1] != offer)
                {
                    offers.Add(offer);
                }
            }

            return offers;
        }

        /// <summary>How many signed attempts (the key's owner had to sign) the log shows since <paramref name="from"/>.</summary>
        public static int Signed(string log, int from = 0) => Line.Matches(log.Substring(from)).Cast<Match>().Count(m => m.Groups[1].Value == "attempting");
    }
}
