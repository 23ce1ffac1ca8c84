using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// How ssh settles the name it connects to once the config is read (ssh.c): an address literal is
    /// written the canonical way ("1234" is 0.0.4.210, "0:0::1" is ::1, as getaddrinfo and getnameinfo
    /// give it), anything else is lower-cased; CanonicalizeHostname then tries CanonicalDomains.
    /// </summary>
    internal static class SshHostNames
    {
        /// <summary>is_addr_fast: a '%' or ':', or only digits and dots. ssh does not lower-case those.</summary>
        public static bool LooksLikeAddress(string name) =>
            name.IndexOf('%') >= 0 || name.IndexOf(':') >= 0 || name.All(c => (c >= '0' && c <= '9') || c == '.');

        /// <summary>
        /// resolve_addr: the canonical text of a numeric address (inet_aton forms for IPv4, IPv6 with an
        /// optional %scope kept as written), or null when <paramref name="name"/> is not one. A result
        /// that differs only in case is not applied by ssh, so the name is returned as given then.
        /// </summary>
        public static string? CanonicalAddress(string name, string? addressFamily)
        {
            if (name.Length == 0 || name.StartsWith("[", StringComparison.Ordinal) || name.EndsWith(".", StringComparison.Ordinal)
                || name.Any(char.IsWhiteSpace))
            {
                return null;
            }

            int percent = name.IndexOf('%');
            string address = percent < 0 ? name : name.Substring(0, percent);
            if (!IPAddress.TryParse(address, out IPAddress? parsed) || (percent >= 0 && parsed.AddressFamily != AddressFamily.InterNetworkV6))
            {
                return null;
            }

            bool v6 = parsed.AddressFamily == AddressFamily.InterNetworkV6;
            if ((addressFamily == "inet" && v6) || (addressFamily == "inet6" && !v6) || (!v6 && !IsInetAton(address)))
            {
                return null;
            }

            string canonical = (v6 ? new IPAddress(parsed.GetAddressBytes()).ToString() : parsed.ToString()) + (percent < 0 ? "" : name.Substring(percent));
            return string.Equals(canonical, name, StringComparison.OrdinalIgnoreCase) ? name : canonical;
        }

        /// <summary>inet_aton's forms only: up to four parts of decimal, 0x hexadecimal or 0 octal digits.</summary>
        private static bool IsInetAton(string text)
        {
            string[] parts = text.Split('.');
            return parts.Length <= 4 && parts.All(p => p.Length > 0 && SshValueSyntax.TryParseCNumber(p, out long v) && v >= 0 && !p.StartsWith("+", StringComparison.Ordinal));
        }
    }
}
