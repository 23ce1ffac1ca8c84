using System;
using System.IO;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>Says where a file is in the words a user knows ("on your Desktop"), so they can find and send it.</summary>
    public static class FriendlyLocation
    {
        public static string? Describe(string path)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var places = new (string Folder, string Words)[]
            {
                (Environment.GetFolderPath(Environment.SpecialFolder.DesktopDirectory), "on your Desktop"),
                (Environment.GetFolderPath(Environment.SpecialFolder.MyDocuments), "in your Documents folder"),
                (home.Length == 0 ? "" : Path.Combine(home, "Downloads"), "in your Downloads folder"),
                (home, "in your home folder"),
            };
            foreach ((string candidate, string words) in places)
            {
                // On Linux "Documents" may just be the home folder: then call it that.
                bool isHomeAlias = words != places[places.Length - 1].Words && SameFolder(candidate, home);
                if (candidate.Length > 0 && !isHomeAlias && SameFolder(folder, candidate))
                {
                    return words;
                }
            }

            return null;
        }

        private static bool SameFolder(string a, string b) =>
            a.Length > 0 && b.Length > 0 && string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

        private static string Normalize(string folder) => Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
    }
}
