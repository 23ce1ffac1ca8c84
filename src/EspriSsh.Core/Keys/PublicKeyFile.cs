using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// The one reader of .pub files, with Test-EspriPublicKey's parser: the usual damage (CR, quotes,
    /// a wrapped line, PuTTYgen's block) is repaired, not fatal; a file that holds no public key says
    /// why and how to recreate it.
    /// </summary>
    internal static class PublicKeyFile
    {
        public const string Suffix = ".pub";

        /// <summary>The key in the file; null with the reason (and the fix) when it holds no valid public key.</summary>
        public static SshPublicKey? TryRead(string path, out string? problem)
        {
            problem = null;
            string why;
            try
            {
                byte[]? content = Files.BoundedFileReader.ReadIfExists(path, KeyFile.MaxBytes, "public key file");
                PublicKeyCheck? check = content == null ? null : PublicKeyPasteChecker.Check(KeyFile.Text(content), path, site: null);
                if (check?.Normalized != null)
                {
                    string[] parts = check.Normalized.Split(new[] { ' ' }, 3);
                    return new SshPublicKey(Convert.FromBase64String(parts[1]), parts.Length > 2 ? parts[2] : "");
                }

                why = check?.Problems.FirstOrDefault()?.Message ?? "it does not exist.";
            }
            catch (EspriException ex)
            {
                why = ex.Message;
            }

            string privatePath = path.EndsWith(Suffix, StringComparison.Ordinal) ? path.Substring(0, path.Length - Suffix.Length) : "<private key>";
            problem = $"'{path}' is not a valid public key: {why} Recreate it from the private key: ssh-keygen -y -f '{privatePath}' > '{path}'";
            return null;
        }

        /// <summary>The key of the .pub next to a private key, or null when there is none or it is not valid.</summary>
        public static SshPublicKey? TryReadBeside(string privatePath) =>
            File.Exists(privatePath + Suffix) ? TryRead(privatePath + Suffix, out _) : null;

        /// <summary>Every valid .pub of a directory, by file name.</summary>
        public static IReadOnlyList<(string Path, SshPublicKey Key)> InDirectory(string directory)
        {
            if (!Directory.Exists(directory))
            {
                return Array.Empty<(string, SshPublicKey)>();
            }

            return Directory.GetFiles(directory, "*" + Suffix)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (Path: p, Key: TryRead(p, out _)))
                .Where(x => x.Key != null)
                .Select(x => (x.Path, x.Key!))
                .ToList();
        }
    }
}
