using System;
using System.IO;
using System.Text;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Files
{
    /// <summary>
    /// The one way EspriSsh reads a file a user or an attacker can place (keys, .pub, ssh config and
    /// its Includes, known_hosts, site profiles, backups, a report to replace). The file is opened
    /// first, without waiting and without following a link it was told not to follow, and judged by
    /// its open handle (<see cref="JudgedFile"/>): only a regular file is read, so no swap of the path
    /// for a FIFO, a device or a link can make a read hang or go elsewhere. The size is never taken
    /// from FileInfo.Length (0 for /dev/zero and a FIFO): reading stops one byte past the limit.
    /// Failures are ErrorIds (NotARegularFile, FileTooLarge, FileUnreadable), never System.IO exceptions.
    /// </summary>
    public static class BoundedFileReader
    {
        /// <summary>
        /// The whole content, or null when nothing is at <paramref name="path"/> (a dangling link
        /// included). <paramref name="what"/> names the expected file in messages ("key file").
        /// Throws NotARegularFile, FileTooLarge or FileUnreadable.
        /// </summary>
        public static byte[]? ReadIfExists(string path, int maxBytes, string what, FileReadOptions options = FileReadOptions.None)
        {
            bool followLinks = (options & FileReadOptions.NoFollow) == 0;
            if ((options & FileReadOptions.NullDeviceIsEmpty) != 0 && FileKindProbe.IsNullDevice(path))
            {
                return new byte[0];
            }

            // A look by path first spares opening a device at all (some act when opened); the open handle decides.
            if (!ExistsAsRegularFile(path, what, followLinks))
            {
                return null;
            }

            try
            {
                using JudgedFile? file = JudgedFile.Open(path, followLinks);
                if (file == null)
                {
                    return null; // removed between the look and the open
                }

                RequireRegular(file.Kind, path, what);
                return ReadAtMost(file, maxBytes, path, what);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                throw Unreadable(path, what, ex);
            }
        }

        /// <summary>
        /// False when nothing is at <paramref name="path"/>, true for a regular file; NotARegularFile
        /// for anything else (a folder, a FIFO, a device, a socket, a link to one), saying what it is.
        /// For a path about to be replaced (a report's -OutFile): refused at once, before any work.
        /// </summary>
        public static bool ExistsAsRegularFile(string path, string what, bool followLinks = true)
        {
            FileKind kind = !followLinks && FileLinks.TargetOf(path) != null ? FileKind.SymbolicLink : FileKindProbe.Of(path);
            if (kind == FileKind.Missing)
            {
                return false;
            }

            RequireRegular(kind, path, what);
            return true;
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

        private static byte[] ReadAtMost(JudgedFile file, int maxBytes, string path, string what)
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
                            $"{UntrustedText.Quoted(path)} is larger than {DescribeSize(maxBytes)}: far too large for a {what}, so it was not read. Check that you gave the right file.", path);
                    }

                    var larger = new byte[Math.Min((long)buffer.Length * 2, (long)maxBytes + 1)];
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    Array.Clear(buffer, 0, buffer.Length);
                    buffer = larger;
                }

                int read = file.Read(buffer, length, buffer.Length - length);
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

            string? link = FileLinks.TargetOf(path);
            string it = kind == FileKind.SymbolicLink ? $"a symbolic link (to {UntrustedText.Quoted(link)}), which is not followed here"
                : link != null ? $"a symbolic link to {UntrustedText.Quoted(link)}, which is {FileKindProbe.Describe(kind)}"
                : FileKindProbe.Describe(kind);
            throw new EspriException(ErrorIds.NotARegularFile,
                $"{UntrustedText.Quoted(path)} is {it}, not a {what}; it was not read. Give the path of the {what} itself.", path);
        }

        private static EspriException Unreadable(string path, string what, Exception ex) =>
            new EspriException(ErrorIds.FileUnreadable,
                $"Could not read the {what} {UntrustedText.Quoted(path)}: {ex.Message} Check that you may read it (and that no other program locks it).", path, ex);
    }
}
