using System;
using System.IO;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Files
{
    /// <summary>
    /// Writes a whole file or nothing: a temp file in the same folder (same volume, so the rename is
    /// atomic), flushed to disk, then renamed over the target. Private files get owner-only rights at
    /// creation, before the first byte.
    /// </summary>
    public static class AtomicFileWriter
    {
        public static void WriteAllText(string path, string text, bool ownerOnly) =>
            WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text), ownerOnly);

        public static void WriteAllBytes(string path, byte[] content, bool ownerOnly)
        {
            string fullPath = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(fullPath)!;
            string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (FileStream stream = ownerOnly
                    ? HostPlatform.FileProtection.CreateOwnerOnlyFile(temp)
                    : new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                Replace(temp, fullPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                TryDelete(temp);
                throw new EspriException(ErrorIds.FileWriteFailed,
                    $"Could not write '{fullPath}': {ex.Message} Check that the folder exists and that you may write to it.", fullPath, ex);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        private static void Replace(string temp, string target)
        {
#if NET
            File.Move(temp, target, overwrite: true);
#else
            if (File.Exists(target))
            {
                // File.Replace is the atomic swap on Windows/.NET Framework.
                File.Replace(temp, target, null);
            }
            else
            {
                File.Move(temp, target);
            }
#endif
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
