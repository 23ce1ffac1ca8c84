using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Keys
{
    /// <summary>The key found in pasted text (Blob, up to token LastToken), or why there is none.</summary>
    internal sealed class PastedKeyData
    {

        private PastedKeyData(byte[]? blob, int lastToken, string? unknownType, string? problem)
        {
            Blob = blob;
            LastToken = lastToken;
            UnknownType = unknownType;
            Problem = problem;
        }

        public byte[]? Blob { get; }

        public int LastToken { get; }

        /// <summary>An intact key of a type we do not know (its name), when that is what the text holds.</summary>
        public string? UnknownType { get; }

        public string? Problem { get; }

        /// <summary>
        /// ^[A-Za-z0-9+/]+={0,2}$ (a final line feed allowed, as .NET's $ allows it), checked character by
        /// character: the first command of a process would otherwise start the regex parser for it (issue 28).
        /// </summary>
        public static bool IsBase64(string token)
        {
            int end = token.Length > 0 && token[token.Length - 1] == '\n' ? token.Length - 1 : token.Length;
            for (int padding = 0; padding < 2 && end > 0 && token[end - 1] == '='; padding++)
            {
                end--;
            }

            if (end == 0)
            {
                return false;
            }

            for (int i = 0; i < end; i++)
            {
                char c = token[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The key among the base64 tokens from <paramref name="first"/> on: the run of base64 tokens
        /// (ending at one with '=' padding) decoded once, cut where the key's own layout says it ends,
        /// which must be a token boundary; the tokens after it are the comment. Null when there is no
        /// base64 at all.
        /// </summary>
        public static PastedKeyData? Read(List<PastedToken> tokens, int first)
        {
            var run = new StringBuilder();
            var ends = new List<int>();
            for (int i = first; i < tokens.Count && IsBase64(tokens[i].Text); i++)
            {
                run.Append(tokens[i].Text);
                ends.Add(run.Length);
                if (tokens[i].Text.IndexOf('=') >= 0)
                {
                    break; // padding ends a base64 stream: what follows is the comment
                }
            }

            if (run.Length == 0)
            {
                return null;
            }

            byte[]? decoded = TryDecode(run.ToString(0, run.Length - run.Length % 4));
            int? length = decoded == null ? null : PublicKeyBlobInfo.MeasureLength(decoded);
            if (length != null)
            {
                int characters = (length.Value + 2) / 3 * 4;
                int last = ends.IndexOf(characters);
                byte[]? blob = last < 0 ? null : TryDecode(run.ToString(0, characters));
                string? problem = blob == null || blob.Length != length ? "the key does not end where its text ends" : Damage(blob);
                return problem == null ? new PastedKeyData(blob, first + last, null, null) : new PastedKeyData(null, first, null, problem);
            }

            // No known layout: an intact key of a type we do not know, or damage. The first token alone tells.
            byte[]? single = TryDecode(tokens[first].Text);
            string? type = single == null ? null : PlausibleTypeName(single);
            bool known = type != null && (PublicKeyBlobInfo.FieldCount(type) != null
                || (SshCertificate.IsCertificateType(type) && PublicKeyBlobInfo.FieldCount(SshCertificate.BaseType(type)) != null));
            return type != null && !known
                ? new PastedKeyData(null, first, type, null)
                : new PastedKeyData(null, first, null, decoded == null ? "the base64 text does not decode" : "the key data ends too early");
        }

        // Why a blob of known layout is still not a usable key (a certificate must hold a valid key).
        private static string? Damage(byte[] blob)
        {
            string? problem;
            return SshCertificate.IsCertificateType(new SshWireReader(blob).ReadUtf8String())
                ? (SshCertificate.TryParse(blob, "", out problem) == null ? problem : null)
                : (PublicKeyBlobInfo.TryParse(blob, out problem) == null ? problem : null);
        }

        // A type name as OpenSSH spells them: short, printable, no spaces.
        private static string? PlausibleTypeName(byte[] blob)
        {
            try
            {
                byte[] name = new SshWireReader(blob).ReadString();
                return name.Length > 0 && name.Length <= 64 && name.All(b => b > 0x20 && b < 0x7F) ? Encoding.ASCII.GetString(name) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static byte[]? TryDecode(string base64)
        {
            if (base64.Length % 4 != 0)
            {
                return null;
            }

            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
