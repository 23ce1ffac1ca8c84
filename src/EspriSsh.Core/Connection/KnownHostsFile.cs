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
    /// never fatal), looked up by host and port, and extended by one line atomically with every
    /// existing byte kept.
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

        /// <summary>Reads the file; a missing file is an empty one (ssh creates it on first use).</summary>
        public static KnownHostsFile Load(string path)
        {
            byte[]? content = BoundedFileReader.ReadIfExists(path, MaxBytes, "known_hosts file");
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
        /// Appends "name type base64" for this host, written atomically (temp file + rename) after the
        /// existing bytes, owner-only like the rest of ~/.ssh.
        /// </summary>
        public static void Append(string path, string host, int port, string keyType, byte[] keyBlob)
        {
            string full = System.IO.Path.GetFullPath(path);
            HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(System.IO.Path.GetDirectoryName(full)!);
            byte[] existing = BoundedFileReader.ReadIfExists(full, MaxBytes, "known_hosts file") ?? Array.Empty<byte>();
            string line = KnownHostEntry.LookupName(host, port) + " " + keyType + " " + Convert.ToBase64String(keyBlob) + "\n";
            bool needsNewline = existing.Length > 0 && existing[existing.Length - 1] != (byte)'\n';
            byte[] added = Encoding.UTF8.GetBytes((needsNewline ? "\n" : "") + line);
            byte[] content = new byte[existing.Length + added.Length];
            Buffer.BlockCopy(existing, 0, content, 0, existing.Length);
            Buffer.BlockCopy(added, 0, content, existing.Length, added.Length);
            AtomicFileWriter.WriteAllBytes(full, content, ownerOnly: true);
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
