using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>
    /// The algorithm names OpenSSH 9.2 (built with OpenSSL, as every distribution builds it) accepts in
    /// Ciphers, MACs, KexAlgorithms and the key-type lists: `ssh -Q cipher|mac|kex|key-sig`. A list
    /// may start with '+' (append), '^' (put first) or '-' (remove: not checked at all); checking
    /// stops at an empty element, as ssh's strsep loop does.
    /// </summary>
    internal static class SshAlgorithmNames
    {
        private static readonly HashSet<string> Ciphers = Set(
            "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr",
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com");

        private static readonly HashSet<string> Macs = Set(
            "hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512", "hmac-md5", "hmac-md5-96", "umac-64@openssh.com", "umac-128@openssh.com",
            "hmac-sha1-etm@openssh.com", "hmac-sha1-96-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com", "umac-64-etm@openssh.com", "umac-128-etm@openssh.com");

        private static readonly HashSet<string> Kex = Set(
            "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
            "diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256", "ecdh-sha2-nistp256",
            "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "curve25519-sha256", "curve25519-sha256@libssh.org", "sntrup761x25519-sha512",
            "sntrup761x25519-sha512@openssh.com");

        // Debian/Ubuntu/Fedora's GSSAPI key exchange: each name is one of these prefixes plus a mechanism.
        private static readonly string[] GssKexPrefixes =
        {
            "gss-gex-sha1-", "gss-group1-sha1-", "gss-group14-sha1-", "gss-group14-sha256-", "gss-group16-sha512-", "gss-nistp256-sha256-", "gss-curve25519-sha256-",
        };

        // sshkey.c's keyimpls: (name, short name for plain keys only).
        private static readonly (string Name, string? ShortName)[] KeyTypes =
        {
            ("ssh-ed25519", "ED25519"), ("ssh-ed25519-cert-v01@openssh.com", null), ("ecdsa-sha2-nistp256", "ECDSA"),
            ("ecdsa-sha2-nistp256-cert-v01@openssh.com", null), ("ecdsa-sha2-nistp384", "ECDSA"), ("ecdsa-sha2-nistp384-cert-v01@openssh.com", null),
            ("ecdsa-sha2-nistp521", "ECDSA"), ("ecdsa-sha2-nistp521-cert-v01@openssh.com", null), ("ssh-rsa", "RSA"),
            ("ssh-rsa-cert-v01@openssh.com", null), ("rsa-sha2-256", "RSA"), ("rsa-sha2-512", "RSA"), ("rsa-sha2-256-cert-v01@openssh.com", null),
            ("rsa-sha2-512-cert-v01@openssh.com", null), ("ssh-dss", "DSA"), ("ssh-dss-cert-v01@openssh.com", null),
            ("sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK"), ("sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", null),
            ("webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK"), ("sk-ssh-ed25519@openssh.com", "ED25519-SK"),
            ("sk-ssh-ed25519-cert-v01@openssh.com", null),
        };

        private static readonly string[] SignatureTypes =
        {
            "ssh-ed25519", "sk-ssh-ed25519@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ecdsa-sha2-nistp256@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss", "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512",
        };

        /// <summary>
        /// kex_assemble_names on the list that applies (fill_default_options, and for HostKeyAlgorithms
        /// dump_client_config): a list that is not "-..." must not hold a '!' pattern and must name at
        /// least one algorithm ssh has, else ssh says "invalid argument" (and for HostKeyAlgorithms
        /// stops). Null when fine.
        /// </summary>
        public static string? AssemblyProblem(string keyword, string list)
        {
            if (list.Length == 0 || list[0] == '-')
            {
                return null;
            }

            IEnumerable<string> all = keyword switch
            {
                "ciphers" => Ciphers,
                "macs" => Macs,
                "kexalgorithms" => Kex,
                "casignaturealgorithms" => SignatureTypes,
                _ => KeyTypes.Select(k => k.Name),
            };
            bool withDefaults = list[0] == '+' || list[0] == '^';
            string[] patterns = (withDefaults ? list.Substring(1) : list).Split(',');
            bool empty = !withDefaults && !patterns.Any(p => all.Any(name => HostPatternMatcher.PatternListResult(name, p, lowerPattern: false) == 1));
            if (!patterns.Any(p => p.StartsWith("!", StringComparison.Ordinal)) && !empty)
            {
                return null;
            }

            return keyword == "hostkeyalgorithms" ? "dump_client_config: expand HostKeyAlgorithms: invalid argument" : $"fill_default_options: {Field(keyword)}: invalid argument";
        }

        /// <summary>The Options field readconf.c names in that message.</summary>
        private static string Field(string keyword) => keyword switch
        {
            "kexalgorithms" => "kex_algorithms",
            "hostbasedacceptedalgorithms" => "hostbased_accepted_algos",
            "pubkeyacceptedalgorithms" => "pubkey_accepted_algos",
            "casignaturealgorithms" => "ca_sign_algorithms",
            _ => keyword,
        };

        /// <summary>The first name ssh rejects, or null when the list is accepted.</summary>
        public static string? FirstUnknownCipher(string list) => FirstRejected(list, Ciphers.Contains);

        public static string? FirstUnknownMac(string list) => FirstRejected(list, Macs.Contains);

        public static string? FirstUnknownKex(string list) => FirstRejected(list, Kex.Contains);

        public static string? FirstUnknownGssKex(string list) =>
            FirstRejected(list, name => GssKexPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)), ignoreSign: true);

        /// <summary>sshkey_names_valid2(list, allow_wildcard=1): a name, a short name (RSA, ED25519...) or a pattern matching one.</summary>
        public static string? FirstUnknownKeyType(string list) => FirstRejected(list, name =>
            KeyTypes.Any(k => k.Name == name || (k.ShortName != null && string.Equals(k.ShortName, name, StringComparison.OrdinalIgnoreCase)))
            || KeyTypes.Any(k => HostPatternMatcher.PatternListResult(k.Name, name, lowerPattern: false) != 0));

        private static string? FirstRejected(string list, Func<string, bool> known, bool ignoreSign = false)
        {
            if (list.Length == 0)
            {
                return "";
            }

            if (!ignoreSign && list[0] == '-')
            {
                return null;
            }

            string names = !ignoreSign && (list[0] == '+' || list[0] == '^') ? list.Substring(1) : list;
            if (names.Length == 0)
            {
                return "";
            }

            foreach (string name in names.Split(','))
            {
                if (name.Length == 0)
                {
                    return null;
                }

                if (!known(name))
                {
                    return name;
                }
            }

            return null;
        }

        private static HashSet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);
    }
}
