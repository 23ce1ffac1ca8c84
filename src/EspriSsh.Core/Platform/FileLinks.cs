using System.IO;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Symbolic links (and Windows reparse points) seen as themselves, not as what they point to: a
    /// link planted in ~/.ssh must never make us change the rights of the file it names.
    /// </summary>
    public static class FileLinks
    {
        /// <summary>Where the link at <paramref name="path"/> points, or null when it is not a link (or does not exist).</summary>
        public static string? TargetOf(string path)
        {
            try
            {
                // GetAttributes reads the link itself (lstat), never its target.
                if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0)
                {
                    return null;
                }
            }
            catch (IOException)
            {
                return null;
            }
#if NET
            return new FileInfo(path).LinkTarget ?? "(a link)";
#else
            return "(a link)";
#endif
        }
    }
}
