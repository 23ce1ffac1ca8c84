using System;
using System.Linq;
using System.Text;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>The "-----BEGIN OPENSSH PRIVATE KEY-----" text wrapping (base64, 70 columns like ssh-keygen).</summary>
    internal static class OpenSshArmor
    {
        public const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
        public const string End = "-----END OPENSSH PRIVATE KEY-----";
        private const int LineLength = 70;

        public static string Wrap(byte[] blob)
        {
            string base64 = Convert.ToBase64String(blob);
            var text = new StringBuilder(base64.Length + base64.Length / LineLength + 80);
            text.Append(Begin).Append('\n');
            for (int i = 0; i < base64.Length; i += LineLength)
            {
                text.Append(base64, i, Math.Min(LineLength, base64.Length - i)).Append('\n');
            }

            return text.Append(End).Append('\n').ToString();
        }

        /// <summary>
        /// The file as OpenSSH loads it: ssh-keygen fails ("error in libcrypto") on a byte-order mark,
        /// CR line ends or a missing final newline, all common after a copy through Windows or a web
        /// page. Removes the first two, adds the third; every other byte is kept.
        /// </summary>
        public static byte[] Loadable(byte[] content)
        {
            int start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
            var text = new System.IO.MemoryStream(content.Length + 1);
            for (int i = start; i < content.Length; i++)
            {
                if (content[i] == '\r')
                {
                    text.WriteByte((byte)'\n');
                    i += i + 1 < content.Length && content[i + 1] == '\n' ? 1 : 0;
                }
                else
                {
                    text.WriteByte(content[i]);
                }
            }

            if (text.Length == 0 || content[content.Length - 1] != '\n' && content[content.Length - 1] != '\r')
            {
                text.WriteByte((byte)'\n');
            }

            return text.ToArray();
        }

        /// <summary>True when OpenSSH loads the file as it is (Loadable would change nothing).</summary>
        public static bool IsLoadable(byte[] content) => Loadable(content).SequenceEqual(content);

        /// <summary>True when the text holds an OpenSSH private key block.</summary>
        public static bool Contains(string text) => text.IndexOf(Begin, StringComparison.Ordinal) >= 0;

        /// <summary>The binary blob; FormatException when the block is cut or not base64.</summary>
        public static byte[] Unwrap(string text)
        {
            int start = text.IndexOf(Begin, StringComparison.Ordinal);
            int end = start < 0 ? -1 : text.IndexOf(End, start, StringComparison.Ordinal);
            if (start < 0 || end < 0)
            {
                throw new FormatException("The BEGIN/END OPENSSH PRIVATE KEY lines are missing.");
            }

            var base64 = new StringBuilder();
            foreach (char c in text.Substring(start + Begin.Length, end - start - Begin.Length))
            {
                if (!char.IsWhiteSpace(c))
                {
                    base64.Append(c);
                }
            }

            return Convert.FromBase64String(base64.ToString());
        }
    }
}
