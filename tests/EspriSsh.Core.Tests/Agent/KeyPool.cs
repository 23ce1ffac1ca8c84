using System;
using System.Collections.Concurrent;
using System.IO;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// RSA keys made once per test run by ssh-keygen and copied where a test wants them (with their .pub,
    /// the comment set to the new name): RSA key generation costs seconds on a busy machine, and the
    /// agent tests need RSA keys for their behaviour, not for their freshness.
    /// </summary>
    internal static class KeyPool
    {
        private static readonly string Directory = Path.Combine(Path.GetTempPath(), "espri-keypool-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private static readonly ConcurrentDictionary<string, Lazy<string>> Made = new ConcurrentDictionary<string, Lazy<string>>();

        static KeyPool() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(Directory, true);
            }
            catch (IOException)
            {
            }
        };

        /// <summary>The <paramref name="index"/>th RSA key of <paramref name="bits"/> bits, copied to <paramref name="path"/> (private key mode 600).</summary>
        public static string Rsa(string path, int index = 0, int bits = 2048)
        {
            string source = Made.GetOrAdd($"rsa{bits}_{index}", name => new Lazy<string>(() =>
            {
                System.IO.Directory.CreateDirectory(Directory);
                string made = Path.Combine(Directory, name);
                ExternalTool.Check("ssh-keygen", "-q", "-t", "rsa", "-b", bits.ToString(), "-N", "", "-C", name, "-f", made);
                return made;
            })).Value;
            File.Copy(source, path);
            string[] pub = File.ReadAllText(source + ".pub").Trim().Split(' ');
            File.WriteAllText(path + ".pub", pub[0] + " " + pub[1] + " " + Path.GetFileName(path) + "\n");
            ExternalTool.Check("chmod", "600", path);
            return path;
        }
    }
}
