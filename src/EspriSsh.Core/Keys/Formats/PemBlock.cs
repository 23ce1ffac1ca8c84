using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// One "-----BEGIN label-----" ... "-----END label-----" block of RFC 7468 text: its label, the RFC 1421
    /// headers old OpenSSL writes inside it (Proc-Type, DEK-Info) and its base64 body. The first block
    /// with one of the wanted labels wins, wherever it is in the text.
    /// </summary>
    internal sealed class PemBlock
    {
        private readonly string base64;

        private PemBlock(string label, Dictionary<string, string> headers, string base64)
        {
            Label = label;
            Headers = headers;
            this.base64 = base64;
        }

        public string Label { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>A block made by old OpenSSL with a passphrase ("Proc-Type: 4,ENCRYPTED").</summary>
        public bool HasEncryptionHeader => Headers.TryGetValue("Proc-Type", out string? value) && value.EndsWith("ENCRYPTED", StringComparison.OrdinalIgnoreCase);

        public static PemBlock? Find(string text, IEnumerable<string> labels)
        {
            (int Start, string Label) first = labels
                .Select(l => (Start: text.IndexOf(Begin(l), StringComparison.Ordinal), Label: l))
                .Where(b => b.Start >= 0)
                .OrderBy(b => b.Start)
                .FirstOrDefault();
            if (first.Label == null)
            {
                return null;
            }

            int bodyStart = first.Start + Begin(first.Label).Length;
            int stop = text.IndexOf("-----END " + first.Label + "-----", bodyStart, StringComparison.Ordinal);
            if (stop < 0)
            {
                return new PemBlock(first.Label, new Dictionary<string, string>(), "");
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var body = new StringBuilder();
            foreach (string rawLine in text.Substring(bodyStart, stop - bodyStart).Split('\n'))
            {
                string line = rawLine.Trim();
                int colon = line.IndexOf(':');
                if (colon > 0)
                {
                    headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                }
                else
                {
                    body.Append(line);
                }
            }

            return new PemBlock(first.Label, headers, body.ToString());
        }

        /// <summary>The DER bytes; FormatException when the base64 text is damaged or missing (a cut file).</summary>
        public byte[] Decode()
        {
            if (base64.Length == 0)
            {
                throw new FormatException("its BEGIN/END lines hold no key data (the file was cut).");
            }

            return Convert.FromBase64String(base64);
        }

        private static string Begin(string label) => "-----BEGIN " + label + "-----";
    }
}
