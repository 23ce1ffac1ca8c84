using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Files
{
    /// <summary>
    /// The ssh folder and the folders above it up to the home, as OpenSSH's StrictModes judges them:
    /// none may be writable by the group or by others, who could otherwise replace the keys, the
    /// config or known_hosts in it. New-EspriKey and Get-EspriKey warn, the support report lists a
    /// finding, Repair-EspriKeyPermission fixes it.
    /// </summary>
    public static class SshFolderSafety
    {
        /// <summary>The folder, then each folder above it up to the home (included) when it lies inside the home.</summary>
        public static IReadOnlyList<string> FoldersUpToHome(string folder) => FoldersUpToHome(folder, HostPlatform.HomeDirectory);

        internal static IReadOnlyList<string> FoldersUpToHome(string folder, string homeDirectory)
        {
            string current = Trim(Path.GetFullPath(folder));
            string home = Trim(Path.GetFullPath(homeDirectory));
            var folders = new List<string> { current };
            if (!current.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return folders;
            }

            while (!string.Equals(current, home, StringComparison.Ordinal))
            {
                current = Path.GetDirectoryName(current)!;
                folders.Add(current);
            }

            return folders;
        }

        /// <summary>Each existing folder of the chain that others may write to, with OpenSSH's verdict.</summary>
        public static IReadOnlyList<(string Folder, AccessVerdict Verdict)> WritableByOthers(string folder) =>
            FoldersUpToHome(folder).Where(Directory.Exists)
                .Select(f => (f, HostPlatform.FileProtection.InspectFolder(f)))
                .Where(x => !x.Item2.IsOwnerOnly)
                .ToList();

        /// <summary>The warnings to show before writing into, or reading keys from, <paramref name="folder"/>.</summary>
        public static IEnumerable<string> Warnings(string folder) =>
            WritableByOthers(folder).Select(x => $"The folder {x.Folder}: {x.Verdict.Problem} (Repair-EspriKeyPermission does it).");

        private static string Trim(string path) => path.Length > 1 ? path.TrimEnd(Path.DirectorySeparatorChar) : path;
    }
}
