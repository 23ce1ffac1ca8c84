using System;
using System.IO;

namespace EspriSsh.Core.Files
{
    /// <summary>
    /// The copy kept before -Force replaces a file: "name.bak", or "name.bak.1", ".bak.2"... when an
    /// earlier backup exists, so no backup is ever lost. A backup of a private file stays owner-only.
    /// </summary>
    public static class BackupFile
    {
        /// <summary>What is backed up is a key, a config or a report: this is far above any of them.</summary>
        public const int MaxBytes = 16 << 20;

        /// <summary>Copies <paramref name="path"/> to a fresh backup name; returns it, or null if there was nothing to back up.</summary>
        public static string? Create(string path, bool ownerOnly)
        {
            byte[]? content = BoundedFileReader.ReadIfExists(path, MaxBytes, "file to back up");
            if (content == null)
            {
                return null;
            }

            try
            {
                return Create(path, content, ownerOnly);
            }
            finally
            {
                Array.Clear(content, 0, content.Length); // it may be a private key
            }
        }

        /// <summary>Keeps <paramref name="content"/>, the file's content as the caller just read (and checked) it, under a fresh backup name; returns that name.</summary>
        public static string Create(string path, byte[] content, bool ownerOnly)
        {
            string backup = NextFreeName(path);
            AtomicFileWriter.WriteAllBytes(backup, content, ownerOnly);
            return backup;
        }

        public static string NextFreeName(string path)
        {
            string candidate = path + ".bak";
            for (int n = 1; File.Exists(candidate); n++)
            {
                candidate = path + ".bak." + n;
            }

            return candidate;
        }
    }
}
