using System;
using System.Security.Cryptography;
using System.Text;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// The "drunken bishop" picture of ssh-keygen -lv (OpenSSH sshkey.c fingerprint_randomart), over
    /// the SHA-256 fingerprint: same field, walk, symbols and borders, so users can compare by eye.
    /// </summary>
    public static class RandomArt
    {
        private const int Width = 17;
        private const int Height = 9;
        private const string Symbols = " .o+=*BOX@%&#/^SE";

        /// <summary>The picture as ssh-keygen prints it: 11 lines joined by "\n", no final newline.</summary>
        public static string Sha256(SshPublicKey publicKey, int bits)
        {
            byte[] digest;
            using (SHA256 sha = SHA256.Create())
            {
                digest = sha.ComputeHash(publicKey.Blob);
            }

            string label = TypeLabel(publicKey.KeyType), title = $"[{label} {bits}]";
            return Draw(digest, title.Length > Width ? $"[{label}]" : title, "[SHA256]");
        }

        private static string Draw(byte[] digest, string title, string footer)
        {
            int last = Symbols.Length - 1;
            var field = new int[Width, Height];
            int x = Width / 2, y = Height / 2;
            foreach (byte value in digest)
            {
                int input = value;
                for (int step = 0; step < 4; step++)
                {
                    x = Math.Min(Math.Max(x + ((input & 1) != 0 ? 1 : -1), 0), Width - 1);
                    y = Math.Min(Math.Max(y + ((input & 2) != 0 ? 1 : -1), 0), Height - 1);
                    if (field[x, y] < last - 2)
                    {
                        field[x, y]++;
                    }

                    input >>= 2;
                }
            }

            field[Width / 2, Height / 2] = last - 1;
            field[x, y] = last;

            var picture = new StringBuilder();
            picture.Append(Border(title)).Append('\n');
            for (int row = 0; row < Height; row++)
            {
                picture.Append('|');
                for (int column = 0; column < Width; column++)
                {
                    picture.Append(Symbols[Math.Min(field[column, row], last)]);
                }

                picture.Append("|\n");
            }

            return picture.Append(Border(footer)).ToString();
        }

        /// <summary>"+--[TITLE]--+": the label centred (left-biased) in 17 dashes; too long a label is cut like snprintf would.</summary>
        private static string Border(string label)
        {
            if (label.Length > Width - 1)
            {
                label = label.Substring(0, Width - 1);
            }

            int left = (Width - label.Length) / 2;
            return "+" + new string('-', left) + label + new string('-', Width - left - label.Length) + "+";
        }

        /// <summary>sshkey_type(): the short upper-case name ssh-keygen puts in the title.</summary>
        private static string TypeLabel(string keyType)
        {
            switch (keyType)
            {
                case Ed25519PrivateKey.TypeName:
                    return "ED25519";
                case RsaPrivateKey.TypeName:
                    return "RSA";
                case DsaPrivateKey.TypeName:
                    return "DSA";
                default:
                    return keyType.StartsWith("ecdsa-", StringComparison.Ordinal) ? "ECDSA" : keyType.ToUpperInvariant();
            }
        }
    }
}
