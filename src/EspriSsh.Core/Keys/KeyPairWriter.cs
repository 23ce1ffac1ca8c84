using System;
using System.Collections.Generic;
using System.IO;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Puts a private key file and its .pub on disk with the site's rules: never replaces an existing
    /// key without force (a replaced registered key locks the user out), keeps .bak copies when forced,
    /// creates the folder owner-only, writes the private file owner-only from its first byte, atomically.
    /// </summary>
    public static class KeyPairWriter
    {
        /// <summary>Throws KeyFileExists when either file of the pair exists and force is not set.</summary>
        public static void EnsureCanWrite(string privatePath, bool force)
        {
            string publicPath = privatePath + ".pub";
            string? existing = File.Exists(privatePath) ? privatePath : File.Exists(publicPath) ? publicPath : null;
            if (existing != null && !force)
            {
                throw new EspriException(ErrorIds.KeyFileExists,
                    $"'{existing}' already exists. If that key is registered with the IT team, replacing it locks you out until the new public key is registered. " +
                    "Keep it and give the new key another file name, or use -Force to replace it (the old pair is kept as .bak).", existing);
            }
        }

        /// <summary>Writes the pair; returns the backups made. Call EnsureCanWrite (and ShouldProcess) first.</summary>
        public static string[] Write(string privatePath, byte[] privateFile, SshPublicKey publicKey, bool force)
        {
            EnsureCanWrite(privatePath, force);
            string directory = Path.GetDirectoryName(Path.GetFullPath(privatePath))!;
            HostPlatform.FileProtection.EnsureOwnerOnlyDirectory(directory);

            var backups = new List<string>();
            foreach (string path in new[] { privatePath, privatePath + ".pub" })
            {
                string? backup = BackupFile.Create(path, ownerOnly: true);
                if (backup != null)
                {
                    backups.Add(backup);
                }
            }

            AtomicFileWriter.WriteAllBytes(privatePath, privateFile, ownerOnly: true);
            AtomicFileWriter.WriteAllText(privatePath + ".pub", publicKey.ToLine() + "\n", ownerOnly: false);
            return backups.ToArray();
        }

        /// <summary>
        /// Writes only the .pub of a key already in place (a missing, damaged or foreign one); an
        /// existing .pub is replaced only with force and kept as .bak. Returns the backups made.
        /// </summary>
        public static string[] WritePublicKey(string privatePath, SshPublicKey publicKey, bool force)
        {
            string publicPath = privatePath + ".pub";
            if (File.Exists(publicPath) && !force)
            {
                throw new EspriException(ErrorIds.KeyFileExists,
                    $"{UntrustedText.Quoted(publicPath)} already exists and holds no valid public half of {UntrustedText.Quoted(privatePath)}. Use -Force to replace it (the old file is kept as .bak).", publicPath);
            }

            string? backup = BackupFile.Create(publicPath, ownerOnly: false);
            AtomicFileWriter.WriteAllText(publicPath, publicKey.ToLine() + "\n", ownerOnly: false);
            return backup == null ? new string[0] : new[] { backup };
        }
    }
}
