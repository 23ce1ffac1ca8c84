using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// An ssh_config file as a list of lines, lossless: <see cref="ToBytes"/> gives back the bytes it was
    /// parsed from (comments, blanks, indentation, quoting, LF/CRLF, a missing final newline, a UTF-8
    /// BOM, even bytes that are not UTF-8). ssh splits lines on LF only; a CR before it is an ending.
    /// </summary>
    public sealed class SshConfigDocument
    {
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

        // Latin-1 maps every byte to one char and back: the fallback that keeps non-UTF-8 files intact.
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        // Encoded once: an edit's text is written to ssh's scratch copy and kept in the plan.
        private byte[]? bytes;

        private SshConfigDocument(string? path, bool hasBom, Encoding encoding, List<SshConfigLine> lines)
        {
            Path = path;
            HasBom = hasBom;
            TextEncoding = encoding;
            Lines = lines;
        }

        /// <summary>The file it was read from (null for text parsed in memory).</summary>
        public string? Path { get; }

        /// <summary>A UTF-8 byte order mark starts the file: OpenSSH then rejects the first line ("Bad configuration option: \357\273\277host").</summary>
        public bool HasBom { get; }

        internal Encoding TextEncoding { get; }

        public IReadOnlyList<SshConfigLine> Lines { get; }

        /// <summary>The line ending most lines use ("\r\n" or "\n"), for lines we add.</summary>
        public string NewLine
        {
            get
            {
                int crlf = Lines.Count(l => l.LineEnding == "\r\n");
                int lf = Lines.Count(l => l.LineEnding == "\n");
                return crlf > lf ? "\r\n" : "\n";
            }
        }

        public static SshConfigDocument Parse(byte[] content, string? path = null)
        {
            bool hasBom = content.Length >= 3 && content[0] == Bom[0] && content[1] == Bom[1] && content[2] == Bom[2];
            int offset = hasBom ? 3 : 0;
            Encoding encoding = StrictUtf8;
            string text;
            try
            {
                text = StrictUtf8.GetString(content, offset, content.Length - offset);
            }
            catch (DecoderFallbackException)
            {
                encoding = Latin1;
                text = Latin1.GetString(content, offset, content.Length - offset);
            }

            return new SshConfigDocument(path, hasBom, encoding, SplitLines(text));
        }

        public static SshConfigDocument Parse(string text) => Parse(new UTF8Encoding(false).GetBytes(text));

        /// <summary>ssh has no limit; a config of 20,000 lines is still under this, /dev/zero is not.</summary>
        public const int MaxBytes = 1 << 20;

        /// <summary>Reads a file; a missing file gives null. Throws ConfigUnreadable, NotARegularFile, FileTooLarge.</summary>
        public static SshConfigDocument? Load(string path)
        {
            try
            {
                byte[]? content = BoundedFileReader.ReadIfExists(path, MaxBytes, "ssh config file");
                return content == null ? null : Parse(content, path);
            }
            catch (EspriException ex) when (ex.ErrorId == ErrorIds.FileUnreadable)
            {
                throw new EspriException(ErrorIds.ConfigUnreadable,
                    $"Could not read the ssh config {UntrustedText.Quoted(path)}: {ex.InnerException?.Message} Check that the file is readable by you.", path, ex.InnerException);
            }
        }

        /// <summary>A document with other lines (and BOM choice), same path and encoding.</summary>
        public SshConfigDocument With(IEnumerable<SshConfigLine> lines, bool hasBom) =>
            new SshConfigDocument(Path, hasBom, TextEncoding, lines.ToList());

        public static SshConfigDocument Empty(string? path) => new SshConfigDocument(path, false, StrictUtf8, new List<SshConfigLine>());

        /// <summary>The bytes of the file (a copy: the caller may change it).</summary>
        public byte[] ToBytes() => (byte[])(bytes ??= Encode()).Clone();

        private byte[] Encode()
        {
            var text = new StringBuilder(Lines.Sum(l => l.Text.Length + 2));
            foreach (SshConfigLine line in Lines)
            {
                text.Append(line.Text).Append(line.LineEnding);
            }

            byte[] body = TextEncoding.GetBytes(text.ToString());
            return HasBom ? Bom.Concat(body).ToArray() : body;
        }

        private static List<SshConfigLine> SplitLines(string text)
        {
            var lines = new List<SshConfigLine>();
            int start = 0;
            while (start < text.Length)
            {
                int lf = text.IndexOf('\n', start);
                if (lf < 0)
                {
                    lines.Add(SshConfigLine.Parse(text.Substring(start), ""));
                    break;
                }

                bool crlf = lf > start && text[lf - 1] == '\r';
                int end = crlf ? lf - 1 : lf;
                lines.Add(SshConfigLine.Parse(text.Substring(start, end - start), crlf ? "\r\n" : "\n"));
                start = lf + 1;
            }

            return lines;
        }
    }
}
