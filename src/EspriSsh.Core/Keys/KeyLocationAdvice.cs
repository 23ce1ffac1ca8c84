using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Whether ssh finds a key by itself, and what to do when it does not. ssh tries only a few
    /// names in the ssh folder (id_ed25519, id_rsa...): a key saved under another name or in another
    /// folder is never offered unless the config names it. The site's page says "keep the default
    /// file name": it is a third of the failed logins.
    /// </summary>
    public static class KeyLocationAdvice
    {
        /// <summary>
        /// Null when ssh offers <paramref name="privatePath"/> by itself (one of its names, in
        /// <paramref name="sshDirectory"/>); else what to run so that the site's aliases use it.
        /// </summary>
        public static string? For(string privatePath, string sshDirectory)
        {
            StringComparison comparison = HostPlatform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            string folder = Path.GetFullPath(Path.GetDirectoryName(privatePath) ?? "").TrimEnd(Path.DirectorySeparatorChar);
            bool inSshFolder = string.Equals(folder, Path.GetFullPath(sshDirectory).TrimEnd(Path.DirectorySeparatorChar), comparison);
            if (inSshFolder && KeyFile.NamesSshTries.Any(name => string.Equals(name, Path.GetFileName(privatePath), comparison)))
            {
                return null;
            }

            return $"ssh does not look for {UntrustedText.Quoted(privatePath)} by itself (only for id_ed25519, id_rsa... in {sshDirectory}). "
                + $"Tell it to use this key: Set-EspriSshConfig -User <your login> -IdentityFile {UntrustedText.Quoted(privatePath)}";
        }
    }
}
