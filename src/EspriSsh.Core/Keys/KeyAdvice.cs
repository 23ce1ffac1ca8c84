using System.IO;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Every command EspriSsh suggests to fix a key, in one place, under one rule: a suggested command
    /// never destroys data. It writes a new file (a free name, checked when the advice is made) or runs
    /// one of our cmdlets, which keep a .bak of what they replace; never a shell redirection ("&gt;"),
    /// which would also write UTF-16 in Windows PowerShell 5.1, a .pub OpenSSH cannot read.
    /// </summary>
    public static class KeyAdvice
    {
        /// <summary>Writes the missing .pub of a private key (or, with -Force, replaces a wrong one, kept as .bak).</summary>
        public static string WritePublicKey(string privatePath) =>
            $"Install-EspriKey -Path {Quote(privatePath)} -Destination {Quote(privatePath)}" + (File.Exists(privatePath + ".pub") ? " -Force" : "");

        /// <summary>Re-encrypts a key in place with a passphrase (the unprotected file is kept as .bak).</summary>
        public static string AddPassphrase(string privatePath) =>
            $"Install-EspriKey -Path {Quote(privatePath)} -Destination {Quote(privatePath)} -NewPassphrase (Read-Host -AsSecureString 'New passphrase') -Force";

        /// <summary>Rewrites a key OpenSSH cannot load as it is (CR line ends, no final newline, a BOM); the original is kept as .bak.</summary>
        public static string MakeLoadable(string privatePath) =>
            $"Install-EspriKey -Path {Quote(privatePath)} -Destination {Quote(privatePath)} -Force";

        /// <summary>Installs a PuTTY key (or any other format) for OpenSSH under the name ssh tries.</summary>
        public static string InstallForOpenSsh(string path) => $"Install-EspriKey -Path {Quote(path)}";

        public static string RepairPermissions(string path) => $"Repair-EspriKeyPermission -Path {Quote(path)}";

        /// <summary>
        /// Runs ssh-keygen -p (which rewrites its file in place, without a backup) on a fresh copy: the
        /// original stays untouched until the user has checked the copy. <paramref name="options"/> are
        /// extra ssh-keygen options ("-a 100").
        /// </summary>
        public static string SshKeygenOnCopy(string privatePath, string options)
        {
            string copy = FreeName(privatePath + "-new");
            return $"Copy-Item {Quote(privatePath)} {Quote(copy)}; ssh-keygen -p {options}{(options.Length > 0 ? " " : "")}-f {Quote(copy)}";
        }

        /// <summary>A name next to <paramref name="path"/> that no file has yet: path, path.1, path.2...</summary>
        public static string FreeName(string path)
        {
            string candidate = path;
            for (int n = 1; File.Exists(candidate) || Directory.Exists(candidate); n++)
            {
                candidate = path + "." + n;
            }

            return candidate;
        }

        /// <summary>A PowerShell single-quoted argument, one line, that no quote in it can end.</summary>
        public static string Quote(string text) => UntrustedText.QuotedArgument(text);
    }
}
