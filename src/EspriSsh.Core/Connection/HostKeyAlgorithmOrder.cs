using System;
using System.Collections.Generic;
using System.Linq;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Which host-key algorithms to offer, in which order, as OpenSSH's order_hostkeyalgs: when
    /// known_hosts (or the site) vouches for some key types of the host, their algorithms go first,
    /// the rest keeping their order, so a server with several host keys shows the one we can check
    /// (a server with ed25519 and RSA keys, known by its RSA key, is verified, not "unknown").
    /// Certificate algorithms are left out: this test checks plain keys only, and a server with a
    /// host certificate also has its plain key.
    /// </summary>
    internal static class HostKeyAlgorithmOrder
    {
        private const string CertificateSuffix = "-cert-v01@openssh.com";

        /// <summary>Reorders SSH.NET's list in place.</summary>
        public static void Apply(IOrderedDictionary<string, Func<byte[], KeyHostAlgorithm>> algorithms, IReadOnlyCollection<string> knownKeyTypes)
        {
            var factories = algorithms.Keys.ToDictionary(name => name, name => algorithms[name], StringComparer.Ordinal);
            algorithms.Clear();
            foreach (string name in Order(factories.Keys.ToList(), knownKeyTypes))
            {
                algorithms.Add(name, factories[name]);
            }
        }

        public static IReadOnlyList<string> Order(IReadOnlyList<string> algorithms, IReadOnlyCollection<string> knownKeyTypes)
        {
            List<string> plain = algorithms.Where(a => !a.EndsWith(CertificateSuffix, StringComparison.Ordinal)).ToList();
            // ssh keeps the list as it is when its first choice is already a known type.
            if (plain.Count == 0 || knownKeyTypes.Contains(KeyTypeOf(plain[0])))
            {
                return plain;
            }

            return plain.Where(a => knownKeyTypes.Contains(KeyTypeOf(a)))
                .Concat(plain.Where(a => !knownKeyTypes.Contains(KeyTypeOf(a))))
                .ToList();
        }

        /// <summary>The key type an algorithm signs with: rsa-sha2-256/512 use ssh-rsa keys; others are named after their key.</summary>
        public static string KeyTypeOf(string algorithm) =>
            algorithm.StartsWith("rsa-sha2-", StringComparison.Ordinal) ? "ssh-rsa" : algorithm;
    }
}
