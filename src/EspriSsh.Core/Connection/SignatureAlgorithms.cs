using System;
using System.Text.RegularExpressions;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The one signature algorithm ssh 9.2 offers a key under for a given server (sshconnect2.c
    /// key_sig_algorithm): the key's own type, except RSA, which takes the first of rsa-sha2-512,
    /// rsa-sha2-256 that the server lists in server-sig-algs, and is not offered at all when it lists
    /// neither (ssh-rsa, SHA-1, is off by default since OpenSSH 8.8). SSH.NET does not read the server's
    /// ext-info, so what the server lists is known from its version: OpenSSH 7.2 to 9.5 list every
    /// algorithm they know (rsa-sha2-512 first pick), 7.4 lists none but ssh knows it takes both
    /// (compat.c SSH_BUG_SIGTYPE74), OpenSSH 9.6+ lists its PubkeyAcceptedAlgorithms (rsa-sha2-512 by
    /// default), Dropbear 2020.79+ only rsa-sha2-256; older servers none.
    /// </summary>
    internal static class SignatureAlgorithms
    {
        public const string RsaSha512 = "rsa-sha2-512";
        public const string RsaSha256 = "rsa-sha2-256";

        private static readonly Regex OpenSsh = new Regex(@"^SSH-2\.0-OpenSSH_(?:for_Windows_)?(\d+)\.(\d+)", RegexOptions.CultureInvariant);
        private static readonly Regex Dropbear = new Regex(@"^SSH-2\.0-dropbear_(\d+)\.(\d+)", RegexOptions.CultureInvariant);

        /// <summary>
        /// The algorithm name for <paramref name="keyType"/> with the server that sent
        /// <paramref name="serverIdentification"/> ("SSH-2.0-OpenSSH_9.2p1 Debian-2"); null when ssh would
        /// not offer the key, with <paramref name="why"/>. <paramref name="certificate"/>: the key is
        /// offered as its certificate (the same choice, with ssh's rule for old servers).
        /// </summary>
        public static string? For(string keyType, string serverIdentification, bool certificate, out string? why)
        {
            why = null;
            if (keyType != RsaPrivateKey.TypeName)
            {
                return keyType;
            }

            Match openSsh = OpenSsh.Match(serverIdentification);
            if (openSsh.Success)
            {
                (int major, int minor) = (int.Parse(openSsh.Groups[1].Value), int.Parse(openSsh.Groups[2].Value));
                bool listsSha2 = major > 7 || (major == 7 && minor >= 2);
                // ssh ignores server-sig-algs for RSA certificates with servers before 7.8 (SSH_BUG_SIGTYPE) and falls back to ssh-rsa.
                bool certificateSha2 = major > 7 || (major == 7 && minor >= 8);
                if (certificate ? !certificateSha2 : !listsSha2)
                {
                    why = $"the server ({Version(serverIdentification)}) predates SHA-2 RSA signatures, and ssh no longer signs with ssh-rsa (SHA-1): "
                        + "ssh does not offer RSA keys to it. Use an ED25519 key, or ask the IT team to update the server.";
                    return null;
                }

                return RsaSha512;
            }

            Match dropbear = Dropbear.Match(serverIdentification);
            if (dropbear.Success)
            {
                (int year, int release) = (int.Parse(dropbear.Groups[1].Value), int.Parse(dropbear.Groups[2].Value));
                if (year < 2020 || (year == 2020 && release < 79))
                {
                    why = $"the server ({Version(serverIdentification)}) predates SHA-2 RSA signatures: ssh does not offer RSA keys to it. Use an ED25519 key.";
                    return null;
                }

                return RsaSha256;
            }

            return RsaSha512;
        }

        /// <summary>The agent flag that asks for the algorithm's signature (an RSA key signs SHA-1 without one).</summary>
        public static Agent.AgentSignFlags AgentFlags(string algorithm) =>
            algorithm == RsaSha512 ? Agent.AgentSignFlags.RsaSha2_512 : algorithm == RsaSha256 ? Agent.AgentSignFlags.RsaSha2_256 : Agent.AgentSignFlags.None;

        private static string Version(string identification) => identification.StartsWith("SSH-2.0-", StringComparison.Ordinal)
            ? identification.Substring(8).Split(' ')[0]
            : identification;
    }
}
