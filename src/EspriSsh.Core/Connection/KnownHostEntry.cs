using System;
using System.Security.Cryptography;
using System.Text;
using EspriSsh.Core.Config;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// One key line of a known_hosts file: the host patterns (plain list or one hashed |1|salt|hash
    /// name), the key, and its marker. Matching follows ssh: "[host]:port" for ports other than 22,
    /// wildcards * and ?, a negated pattern (!pattern) excludes the host whatever else matches.
    /// </summary>
    public sealed class KnownHostEntry
    {
        internal KnownHostEntry(string filePath, int lineNumber, KnownHostMarker marker, string hostField, string keyType, byte[] keyBlob)
        {
            FilePath = filePath;
            LineNumber = lineNumber;
            Marker = marker;
            HostField = hostField;
            KeyType = keyType;
            KeyBlob = keyBlob;
        }

        /// <summary>The known_hosts file the line is in (the user's or the system's).</summary>
        public string FilePath { get; }

        /// <summary>1-based, as ssh reports it ("Offending key in known_hosts:3").</summary>
        public int LineNumber { get; }

        /// <summary>"file line N", to name the line in messages.</summary>
        public string Location => FilePath + " line " + LineNumber;

        public KnownHostMarker Marker { get; }

        /// <summary>The host field as written: "a,b,[c]:2222" or "|1|salt|hash".</summary>
        public string HostField { get; }

        public string KeyType { get; }

        public byte[] KeyBlob { get; }

        public bool IsHashed => HostField.StartsWith("|1|", StringComparison.Ordinal);

        public string Fingerprint => KeyFingerprint.Sha256(KeyBlob);

        public bool HasKey(byte[] blob) => Convert.ToBase64String(KeyBlob) == Convert.ToBase64String(blob);

        /// <summary>The name ssh looks up for a host and port: "host", or "[host]:port" when the port is not 22.</summary>
        public static string LookupName(string host, int port) => port == 22 ? host : "[" + host + "]:" + port;

        public bool Matches(string host, int port)
        {
            // ssh looks up the host name lowercased (it lowercases HostName), hashed lines included.
            string name = LookupName(host.ToLowerInvariant(), port);
            if (IsHashed)
            {
                return HashedNameMatches(name);
            }

            // Plain lines: patterns compared case-insensitively (match_hostname), a negation winning.
            return HostPatternMatcher.ListMatches(name, HostField);
        }

        private bool HashedNameMatches(string name)
        {
            string[] parts = HostField.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }

            try
            {
                byte[] salt = Convert.FromBase64String(parts[2]);
                byte[] expected = Convert.FromBase64String(parts[3]);
                using var hmac = new HMACSHA1(salt);
                byte[] actual = hmac.ComputeHash(Encoding.UTF8.GetBytes(name));
                return Convert.ToBase64String(actual) == Convert.ToBase64String(expected);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
