using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// An OpenSSH known_hosts file: read tolerantly (comments, blank and broken lines are kept aside,
    /// never fatal), looked up by host and port, and extended by one line appended in place, as ssh
    /// does: through a symbolic link into the file it names (the link stays), never replacing a file
    /// that cannot be written (reported in ssh's words instead). /dev/null is an empty file that is
    /// never written to.
    /// </summary>
    public sealed class KnownHostsFile
    {
        private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries, IReadOnlyList<int> unreadableLines)
        {
            Path = path;
            Entries = entries;
            UnreadableLines = unreadableLines;
        }

        public string Path { get; }

        public IReadOnlyList<KnownHostEntry> Entries { get; }

        /// <summary>Line numbers that are neither comments nor valid entries (ssh skips them too).</summary>
        public IReadOnlyList<int> UnreadableLines { get; }

        /// <summary>About 150,000 hosts: more than any real known_hosts, far less than /dev/zero.</summary>
        public const int MaxBytes = 16 << 20;

        /// <summary>The null device (/dev/null, Windows' NUL), or a link to it: always empty, and what is written there is lost.</summary>
        public bool IsNullDevice => IsNull(Path);

        /// <summary>Reads the file; a missing file is an empty one (ssh creates it on first use), and so is /dev/null.</summary>
        public static KnownHostsFile Load(string path)
        {
            byte[]? content = IsNull(path) ? null : BoundedFileReader.ReadIfExists(path, MaxBytes, "known_hosts file");
            return content == null
                ? new KnownHostsFile(path, Array.Empty<KnownHostEntry>(), Array.Empty<int>())
                : Parse(BoundedFileReader.DecodeUtf8(content), path);
        }

        public static KnownHostsFile Parse(string text, string path)
        {
            var entries = new List<KnownHostEntry>();
            var unreadable = new List<int>();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                KnownHostEntry? entry = ParseLine(line, path, i + 1);
                if (entry == null)
                {
                    unreadable.Add(i + 1);
                }
                else
                {
                    entries.Add(entry);
                }
            }

            return new KnownHostsFile(path, entries, unreadable);
        }

        /// <summary>Every entry whose host patterns match this host and port, markers included.</summary>
        public IReadOnlyList<KnownHostEntry> Find(string host, int port) => Entries.Where(e => e.Matches(host, port)).ToList();

        /// <summary>
        /// Appends "name type base64" (name is what ssh looks up: the host, [host]:port, or the
        /// HostKeyAlias) at the end of the file, after a newline if the last line lacks one. A new file
        /// is created owner-only like the rest of ~/.ssh.
        /// </summary>
        public static KnownHostsWrite Append(string path, string name, string keyType, byte[] keyBlob)
        {
            if (IsNull(path))
            {
                return KnownHostsWrite.Lost(path);
            }

            string line = name + " " + keyType + " " + Convert.ToBase64String(keyBlob) + "\n";
            try
            {
                string full = System.IO.Path.GetFullPath(path);
                string target = FileLinks.FinalTarget(full);
                byte[]? existing = BoundedFileReader.ReadIfExists(target, MaxBytes, "known_hosts file");
                if (existing == null)
                {
                    HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(System.IO.Path.GetDirectoryName(target)!);
                    AtomicFileWriter.WriteAllBytes(target, Encoding.UTF8.GetBytes(line), ownerOnly: true);
                    return KnownHostsWrite.Written(path);
                }

                bool needsNewline = existing.Length > 0 && existing[existing.Length - 1] != (byte)'\n';
                byte[] added = Encoding.UTF8.GetBytes((needsNewline ? "\n" : "") + line);
                using (var stream = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                {
                    stream.Write(added, 0, added.Length);
                    stream.Flush(flushToDisk: true);
                }

                return KnownHostsWrite.Written(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is Errors.EspriException)
            {
                return KnownHostsWrite.Failed(path, ex.Message);
            }
        }

        private static bool IsNull(string path)
        {
            if (HostPlatform.IsWindows)
            {
                string name = System.IO.Path.GetFileName(path.TrimEnd('\\', '/'));
                return name.Equals("NUL", StringComparison.OrdinalIgnoreCase) || path.Equals(@"\\.\NUL", StringComparison.OrdinalIgnoreCase);
            }

            return path == "/dev/null" || (FileLinks.TargetOf(path) != null && FileLinks.FinalTarget(path) == "/dev/null");
        }

        private static KnownHostEntry? ParseLine(string line, string path, int lineNumber)
        {
            string[] fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            int index = 0;
            KnownHostMarker marker = KnownHostMarker.None;
            if (fields.Length > 0 && fields[0].StartsWith("@", StringComparison.Ordinal))
            {
                switch (fields[0])
                {
                    case "@revoked":
                        marker = KnownHostMarker.Revoked;
                        break;
                    case "@cert-authority":
                        marker = KnownHostMarker.CertAuthority;
                        break;
                    default:
                        return null;
                }

                index = 1;
            }

            if (fields.Length < index + 3)
            {
                return null;
            }

            try
            {
                byte[] blob = Convert.FromBase64String(fields[index + 2]);
                return new KnownHostEntry(path, lineNumber, marker, fields[index], fields[index + 1], blob);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
