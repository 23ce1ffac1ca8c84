using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// A folder of crafted files committed byte for byte (Keys/&lt;name&gt;/files) with its manifest.tsv:
    /// a header, then one tab-separated row per file whose first field is the file name and last its SHA-256.
    /// </summary>
    internal sealed class CraftedFiles
    {
        private readonly string folder;

        public CraftedFiles(string name) =>
            folder = Path.Combine(Path.GetDirectoryName(typeof(CraftedFiles).Assembly.Location)!, "Keys", name);

        public string PathOf(string file) => Path.Combine(folder, "files", file);

        public IEnumerable<string[]> Rows() =>
            File.ReadAllLines(Path.Combine(folder, "manifest.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));

        /// <summary>Fails unless the file holds the committed bytes (not a regenerated or converted file).</summary>
        public void AssertCommitted(string file)
        {
            string expected = Rows().Single(r => r[0] == file).Last();
            using var sha = SHA256.Create();
            Assert.Equal(expected, BitConverter.ToString(sha.ComputeHash(File.ReadAllBytes(PathOf(file)))).Replace("-", "").ToLowerInvariant());
        }
    }
}
