using System;
using System.IO;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Files
{
    /// <summary>
    /// The one way EspriSsh reads a file of the user's disk (keys, .pub, ssh config and its Includes,
    /// known_hosts, site profiles, backups). The size is never taken from FileInfo.Length (0 for
    /// /dev/zero, a FIFO or a link to them): reading stops one byte past the limit. A FIFO is never
    /// opened (that would wait for a writer forever), only regular files are read, and read failures
    /// become ErrorIds instead of System.IO exceptions.
    /// </summary>
    public static class BoundedFileReader
    {
        /// <summary>
        /// The whole content, or null when nothing is at <paramref name="path"/> (a dangling link
        /// included). <paramref name="what"/> names the expected file in messages ("key file").
        /// Throws NotARegularFile, FileTooLarge or FileUnreadable.
        /// </summary>
        public static byte[]? ReadIfExists(string path, int maxBytes, string what)
        {
            FileKind kind = FileKindProbe.Of(path);
            if (kind == FileKind.Missing)
            {
                return null;
            }

            RequireRegular(kind, path, what);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                RequireRegular(FileKindProbe.OfOpen(stream.SafeFileHandle, path), path, what);
                return ReadAtMost(stream, maxBytes, path, what);
            }
            catch (FileNotFoundException)
            {
                return null; // removed between the look and the open
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                throw Unreadable(path, what, ex);
            }
        }

        /// <summary>As <see cref="ReadIfExists"/>, decoded as UTF-8 with a leading byte order mark dropped.</summary>
        public static string? ReadTextIfExists(string path, int maxBytes, string what)
        {
            byte[]? content = ReadIfExists(path, maxBytes, what);
            return content == null ? null : DecodeUtf8(content);
        }

        /// <summary>UTF-8 text of file content, without a leading byte order mark.</summary>
        public static string DecodeUtf8(byte[] content) => new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF');

        /// <summary>A size for messages: "64 KiB", "4 MiB".</summary>
        public static string DescribeSize(long bytes) =>
            bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB"
            : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB"
            : bytes + " bytes";

        private static byte[] ReadAtMost(Stream stream, int maxBytes, string path, string what)
        {
            var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        Array.Clear(buffer, 0, buffer.Length); // it may be key material
                        throw new EspriException(ErrorIds.FileTooLarge,
                            $"'{path}' is larger than {DescribeSize(maxBytes)}: far too large for a {what}, so it was not read. Check that you gave the right file.", path);
                    }

                    var larger = new byte[Math.Min((long)buffer.Length * 2, (long)maxBytes + 1)];
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    Array.Clear(buffer, 0, buffer.Length);
                    buffer = larger;
                }

                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length == buffer.Length)
            {
                return buffer;
            }

            var content = new byte[length];
            Buffer.BlockCopy(buffer, 0, content, 0, length);
            Array.Clear(buffer, 0, buffer.Length);
            return content;
        }

        private static void RequireRegular(FileKind kind, string path, string what)
        {
            if (kind == FileKind.Regular)
            {
                return;
            }

            string it = kind switch
            {
                FileKind.Directory => "a folder",
                FileKind.NamedPipe => "a named pipe (FIFO)",
                FileKind.Device => "a device",
                FileKind.Socket => "a socket",
                _ => "not a regular file",
            };
            throw new EspriException(ErrorIds.NotARegularFile,
                $"'{path}' is {it}, not a {what}; it was not read. Give the path of the {what} itself.", path);
        }

        private static EspriException Unreadable(string path, string what, Exception ex) =>
            new EspriException(ErrorIds.FileUnreadable,
                $"Could not read the {what} '{path}': {ex.Message} Check that you may read it (and that no other program locks it).", path, ex);
    }
}
