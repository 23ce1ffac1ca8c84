using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>The .pub files a diagnosis looks at: read strictly, an unreadable one is simply skipped.</summary>
    internal static class PublicKeyFiles
    {
        /// <summary>The key of a one-line "type base64 [comment]" file, or null when it is not one.</summary>
        public static SshPublicKey? TryRead(string path)
        {
            try
            {
                string[] fields = File.ReadAllText(path).Trim().Split(new[] { ' ', '\t' }, 3, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2)
                {
                    return null;
                }

                var key = new SshPublicKey(Convert.FromBase64String(fields[1]), fields.Length > 2 ? fields[2] : "");
                return key.KeyType == fields[0] ? key : null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is FormatException)
            {
                return null;
            }
        }

        /// <summary>Every readable .pub in a directory, by file name.</summary>
        public static IReadOnlyList<(string Path, SshPublicKey Key)> InDirectory(string directory)
        {
            if (!Directory.Exists(directory))
            {
                return Array.Empty<(string, SshPublicKey)>();
            }

            return Directory.GetFiles(directory, "*.pub")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (Path: p, Key: TryRead(p)))
                .Where(x => x.Key != null)
                .Select(x => (x.Path, x.Key!))
                .ToList();
        }
    }
}
