using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Checks what a user is about to paste into the account form and repairs the usual mistakes:
    /// line wrapped or with stray spaces, quotes or CR; PuTTYgen's RFC 4716 block; a .ppk given
    /// instead of the public key; a private key pasted (refused loudly); damaged base64 or a type
    /// prefix that disagrees with the key; key types the site refuses.
    /// </summary>
    public static class PublicKeyPasteChecker
    {
        private const string Rfc4716Begin = "---- BEGIN SSH2 PUBLIC KEY ----";
        private const string Rfc4716End = "---- END SSH2 PUBLIC KEY ----";

        private static readonly char[] Quotes = { '"', '\'', '\u201C', '\u201D', '\u2018', '\u2019', '`' };

        /// <summary>
        /// The longest text looked at: a public key line is at most ~3 KB (RSA 16384, a certificate
        /// more), a .ppk pasted by mistake ~12 KB.
        /// </summary>
        public const int MaxTextLength = 64 * 1024;

        // The base64 of the smallest public key blob (ED25519: 51 bytes, 68 characters): shorter words in a comment are never key data.
        private const int MinimumKeyText = 68;

        /// <summary>Checks a file holding a key (.pub, PuTTYgen's public key file, or a .ppk by mistake). Throws KeyFileNotFound, FileTooLarge...</summary>
        public static PublicKeyCheck CheckFile(string path, SiteProfile site) => Check(KeyFile.Text(KeyFile.Load(path)), path, site);

        /// <summary>Checks pasted text; <paramref name="site"/> null skips the site's verdict on the key type.</summary>
        public static PublicKeyCheck Check(string text, string source, SiteProfile? site)
        {
            var problems = new List<PublicKeyProblem>();
            if (text.Length > MaxTextLength)
            {
                return Fail(problems, source, "TooLong",
                    $"This text is {text.Length} characters long; a public key line has a few hundred (at most a few thousand). Paste only the content of your .pub file.");
            }

            if (text.IndexOf('\r') >= 0)
            {
                problems.Add(Repaired("CarriageReturn", "Windows line endings (CR) were removed."));
                text = text.Replace("\r", "");
            }

            string trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return Fail(problems, source, "Empty", "There is no key in this text. Paste the content of your .pub file (one line starting with ssh-ed25519).");
            }

            if (IsPrivateKey(trimmed))
            {
                return Fail(problems, source, "PrivateKey",
                    "THIS IS A PRIVATE KEY. Never paste or send it to anyone, not even the IT team. If it was already sent or pasted in a form or e-mail, " +
                    "consider it compromised: make a new key with New-EspriKey and register the new public key. Paste the content of the .pub file instead.");
            }

            string? comment = null;
            string body;
            if (trimmed.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal))
            {
                const string NeverSendPpk = "This is a PuTTY private key file (.ppk): never send the .ppk file itself, it holds your private key.";
                // The public half of a .ppk is in clear; PuTTY's format has one parser, PpkReader.
                PpkFile ppk;
                try
                {
                    ppk = PpkReader.Parse(Encoding.UTF8.GetBytes(trimmed + "\n"), source);
                }
                catch (EspriException ex)
                {
                    problems.Add(new PublicKeyProblem("PpkFile", PublicKeyProblemSeverity.Warning, NeverSendPpk));
                    return Fail(problems, source, "PpkUnreadable", ex.Message);
                }

                problems.Add(new PublicKeyProblem("PpkFile", PublicKeyProblemSeverity.Warning, NeverSendPpk + " Its public part was extracted below."));

                comment = ppk.Comment;
                body = Convert.ToBase64String(ppk.PublicKeyBlob);
            }
            else if (trimmed.StartsWith(Rfc4716Begin, StringComparison.Ordinal))
            {
                problems.Add(Repaired("Rfc4716Block", "The \"---- BEGIN SSH2 PUBLIC KEY ----\" block (PuTTYgen's \"Save public key\") was converted to the one-line OpenSSH form."));
                body = Rfc4716Body(trimmed, out comment);
            }
            else
            {
                body = StripQuotes(trimmed, problems);
            }

            return CheckOneLineForm(body, comment, problems, source, site);
        }

        // A block (RFC 4716 or .ppk) carries the comment in a header and wraps its base64 by design.
        // One pass over the text: tokens, the run of base64 tokens, one decode, the key's length from
        // its own layout (PublicKeyBlobInfo.MeasureLength): linear, whatever is pasted.
        private static PublicKeyCheck CheckOneLineForm(string body, string? commentFromHeader, List<PublicKeyProblem> problems, string source, SiteProfile? site)
        {
            bool fromBlock = commentFromHeader != null || problems.Any(p => p.Code == "Rfc4716Block" || p.Code == "PpkFile");
            List<PastedToken> tokens = PastedToken.Split(body);
            if (!fromBlock && HasStrayWhitespace(body.Trim('\n')))
            {
                problems.Add(Repaired("ExtraWhitespace", "Extra spaces or tabs were removed."));
            }

            int index = 0;
            string? declaredType = null;
            if (tokens.Count > 0 && !PastedKeyData.IsBase64(tokens[0].Text))
            {
                declaredType = tokens[0].Text;
                index = 1;
            }

            PastedKeyData? data = PastedKeyData.Read(tokens, index);
            if (data == null)
            {
                return Fail(problems, source, "NoKeyData",
                    "No key data was found: the line must be \"ssh-ed25519 AAAA... comment\". Paste the whole content of your .pub file.");
            }

            if (data.Blob == null)
            {
                if (data.UnknownType != null && (declaredType == null || declaredType == data.UnknownType))
                {
                    problems.Add(new PublicKeyProblem("KeyTypeUnsupported", PublicKeyProblemSeverity.Error,
                        $"This is {KeyTypeNames.Describe(data.UnknownType)}, a key type {site?.Name ?? "the site"} does not accept (the line itself is intact). " +
                        "Make an ED25519 key with New-EspriKey and paste its .pub line."));
                    return new PublicKeyCheck(null, data.UnknownType, 0, null, problems, source);
                }

                return Fail(problems, source, "BadBase64",
                        $"The key data is damaged ({data.Problem}): a character is missing or was changed. Copy the .pub file again, in full, without editing it.");
            }

            if (!fromBlock && tokens[data.LastToken].Line > tokens[index].Line)
            {
                problems.Add(Repaired("Wrapped", "The key was split over several lines; it was joined back into one line."));
            }

            string blobType = new SshWireReader(data.Blob).ReadUtf8String();
            if (declaredType == null && !fromBlock)
            {
                problems.Add(Repaired("MissingType", $"The key type prefix was missing; \"{blobType}\" was added in front."));
            }
            else if (declaredType != null && declaredType != blobType)
            {
                return Fail(problems, source, "TypeMismatch",
                    $"The line starts with \"{declaredType}\" but the key data is a {blobType} key: the line was assembled from two different keys or edited. Copy the .pub file again, unchanged.");
            }

            // The comment is free text ("my ssh-key for spirit", "ssh-ed25519 key"): only key data, a base64 blob
            // that decodes as a key, makes a second key.
            if (HoldsAnotherKey(tokens, data.LastToken + 1))
            {
                return Fail(problems, source, "MultipleKeys", "More than one key was pasted. The account form takes one key: paste only the line of the key you will log in with.");
            }

            string[] rest = tokens.Skip(data.LastToken + 1).Select(t => t.Text).ToArray();

            string comment = commentFromHeader ?? string.Join(" ", rest);
            byte[] keyBlob = data.Blob;
            if (SshCertificate.IsCertificateType(blobType))
            {
                SshCertificate certificate = SshCertificate.TryParse(data.Blob, comment, out _)!;
                keyBlob = certificate.CertifiedKey.Blob;
                problems.Add(Repaired("Certificate",
                    $"This is an SSH certificate ({blobType}, key ID \"{UntrustedText.Escape(certificate.KeyId)}\"), not a public key: the account form wants the public key line, " +
                    "the content of the .pub file without \"-cert\" in its name (id_ed25519.pub, not id_ed25519-cert.pub). The key it certifies was extracted below."));
            }

            PublicKeyBlobInfo info = PublicKeyBlobInfo.TryParse(keyBlob, out _)!;
            var key = new SshPublicKey(keyBlob, comment);
            if (SshPublicKey.UnsafeCommentProblem(comment) is string unsafeComment)
            {
                problems.Add(new PublicKeyProblem("UnsafeComment", PublicKeyProblemSeverity.Warning, unsafeComment));
            }

            if (info.KeyType == RsaPrivateKey.TypeName && info.Bits < KeySizeLimits.RsaMinimumBits)
            {
                problems.Add(new PublicKeyProblem("KeyTooSmall", PublicKeyProblemSeverity.Error,
                    $"This RSA key has {info.Bits} bits: OpenSSH refuses RSA keys under {KeySizeLimits.RsaMinimumBits} bits. Make an ED25519 key with New-EspriKey."));
                return new PublicKeyCheck(key.ToLine(), info.KeyType, info.Bits, KeyFingerprint.Sha256(keyBlob), problems, source) { RawComment = comment };
            }

            KeyPolicyResult? policy = site?.Evaluate(info.KeyType, info.Bits);
            if (policy?.Verdict == KeyPolicyVerdict.Refused)
            {
                problems.Add(new PublicKeyProblem("PolicyRefused", PublicKeyProblemSeverity.Error, policy.Reason));
            }
            else if (policy?.Verdict == KeyPolicyVerdict.Tolerated)
            {
                problems.Add(new PublicKeyProblem("PolicyTolerated", PublicKeyProblemSeverity.Warning, policy.Reason));
            }

            return new PublicKeyCheck(key.ToLine(), info.KeyType, info.Bits, KeyFingerprint.Sha256(keyBlob), problems, source) { RawComment = comment };
        }

        /// <summary>True when a token from <paramref name="first"/> on starts key data: base64 that decodes as a key (what ssh-keygen would read), not words.</summary>
        private static bool HoldsAnotherKey(List<PastedToken> tokens, int first)
        {
            for (int i = first; i < tokens.Count; i++)
            {
                if (PastedKeyData.IsBase64(tokens[i].Text) && tokens[i].Text.Length >= MinimumKeyText)
                {
                    if (PastedKeyData.Read(tokens, i)?.Blob != null)
                    {
                        return true;
                    }

                    // A key starts a run of base64 words: the rest of this run is not tried again (linear, whatever is pasted).
                    while (i + 1 < tokens.Count && PastedKeyData.IsBase64(tokens[i + 1].Text))
                    {
                        i++;
                    }
                }
            }

            return false;
        }

        // PEM, OpenSSH, PKCS#8 and ssh.com private keys all announce themselves in their BEGIN line.
        private static bool IsPrivateKey(string text) =>
            text.Split('\n').Any(line => line.IndexOf("BEGIN ", StringComparison.Ordinal) >= 0 && line.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0);

        private static string StripQuotes(string text, List<PublicKeyProblem> problems)
        {
            string stripped = text.Trim().Trim(Quotes).Trim();
            if (stripped.Length != text.Trim().Length)
            {
                problems.Add(Repaired("Quotes", "Quotes around the key were removed."));
            }

            return stripped;
        }

        // RFC 4716: header lines "Tag: value" (continued by a trailing backslash), then base64 lines.
        private static string Rfc4716Body(string text, out string? comment)
        {
            comment = null;
            var lines = text.Split('\n').Select(l => l.Trim()).ToList();
            int end = lines.IndexOf(Rfc4716End);
            var data = new StringBuilder();
            bool continuing = false;
            foreach (string line in lines.Skip(1).Take((end < 0 ? lines.Count : end) - 1))
            {
                if (continuing || line.Contains(":"))
                {
                    if (!continuing && line.StartsWith("Comment:", StringComparison.OrdinalIgnoreCase))
                    {
                        comment = line.Substring("Comment:".Length).Trim().Trim('"');
                    }

                    continuing = line.EndsWith("\\", StringComparison.Ordinal);
                    continue;
                }

                data.Append(line).Append('\n');
            }

            return data.ToString();
        }

        private static PublicKeyProblem Repaired(string code, string message) => new PublicKeyProblem(code, PublicKeyProblemSeverity.Repaired, message);

        private static PublicKeyCheck Fail(List<PublicKeyProblem> problems, string source, string code, string message)
        {
            problems.Add(new PublicKeyProblem(code, PublicKeyProblemSeverity.Error, message));
            return new PublicKeyCheck(null, null, 0, null, problems, source);
        }

        /// <summary>
        /// Multiline [ \t]{2,}|\t|^[ \t]|[ \t]$: a tab, two spaces in a row, or a space at the start or end
        /// of a line. Checked character by character: as a Regex it started the regex parser (and
        /// JIT-compiled part of it) in the first command of a process (issue 28).
        /// </summary>
        internal static bool HasStrayWhitespace(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\t')
                {
                    return true;
                }

                if (text[i] == ' ' && (i == 0 || text[i - 1] == '\n' || i + 1 == text.Length || text[i + 1] == '\n' || text[i + 1] == ' '))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
