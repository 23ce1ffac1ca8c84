using System;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// A public key as SSH sees it: the wire blob and a comment. Parsing lines (with all the repairs
    /// users need) is Test-EspriPublicKey's engine; this type is the exact, valid form.
    /// </summary>
    public sealed class SshPublicKey
    {
        public SshPublicKey(byte[] blob, string comment)
        {
            Blob = blob;
            Comment = comment ?? "";
            KeyType = new SshWireReader(blob).ReadUtf8String();
        }

        public byte[] Blob { get; }

        public string Comment { get; }

        public string KeyType { get; }

        /// <summary>
        /// The one line of a .pub file and of the account form: "type base64 comment". It never holds a
        /// control or bidi character: a comment that has some is written escaped (\x1b as four
        /// characters), so the line pastes, copies and prints as the one line it is.
        /// </summary>
        public string ToLine() => Comment.Length == 0
            ? KeyType + " " + Convert.ToBase64String(Blob)
            : KeyType + " " + Convert.ToBase64String(Blob) + " " + UntrustedText.Escape(Comment);

        /// <summary>
        /// What is wrong with <paramref name="comment"/> when it holds characters that drive a terminal
        /// (said wherever such a comment is met: the key list, the paste check, the setup); null when none.
        /// </summary>
        public static string? UnsafeCommentProblem(string? comment) => UntrustedText.IsSafe(comment)
            ? null
            : $"The comment holds control or text-direction characters ({UntrustedText.UnsafeCharacters(comment)}), which can clear a terminal, " +
                "forge lines or hide text: it is shown escaped, as plain text. Give the key a plain comment (the words after the key data " +
                "in the .pub file; ssh-keygen -c -f <key> changes it in the private key too).";

        public bool SameKeyAs(SshPublicKey other) => Convert.ToBase64String(Blob) == Convert.ToBase64String(other.Blob);

        public override string ToString() => ToLine();
    }
}
