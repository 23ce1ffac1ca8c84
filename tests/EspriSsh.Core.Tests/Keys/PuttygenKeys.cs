using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using EspriSsh.Core.Keys.Formats;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// Keys made by the real puttygen at test time, one unencrypted master per type (made once: DSA
    /// generation alone takes seconds), re-saved by puttygen with whatever version/KDF/passphrase a
    /// test needs. Every expected public line comes from `puttygen -L`.
    /// </summary>
    public sealed class PuttygenKeys : IDisposable
    {
        private readonly TempDirectory directory = new TempDirectory();
        private readonly ConcurrentDictionary<string, string> masters = new ConcurrentDictionary<string, string>();
        private int counter;

        public string Directory => directory.Path;

        /// <summary>"ed25519", "rsa-2048", "ecdsa-384", "dsa"... -> an unencrypted puttygen PPK.</summary>
        public string Master(string spec) => masters.GetOrAdd(spec, s =>
        {
            string[] parts = s.Split('-');
            string path = directory.File("master-" + s + ".ppk");
            var args = new System.Collections.Generic.List<string> { "-t", parts[0], "-C", s + " master key", "-o", path, "--new-passphrase", PassphraseFile("") };
            if (parts.Length > 1)
            {
                args.AddRange(new[] { "-b", parts[1] });
            }

            ExternalTool.Check("puttygen", args.ToArray());
            return path;
        });

        /// <summary>Re-saves a master with puttygen: passphrase ("" = none), comment and --ppk-param text.</summary>
        public string Variant(string spec, string passphrase, string ppkParams, string comment = null)
        {
            string path = directory.File($"v{System.Threading.Interlocked.Increment(ref counter)}-{spec}.ppk");
            var args = new System.Collections.Generic.List<string> { Master(spec), "-P", "-o", path, "--new-passphrase", PassphraseFile(passphrase) };
            if (comment != null)
            {
                args.AddRange(new[] { "-C", comment });
            }

            if (ppkParams.Length > 0)
            {
                args.AddRange(new[] { "--ppk-param", ppkParams });
            }

            ExternalTool.Check("puttygen", args.ToArray());
            return path;
        }

        /// <summary>puttygen reads a passphrase as the raw bytes of a file's first line: UTF-8 here, as PuTTY types it.</summary>
        public string PassphraseFile(string passphrase)
        {
            string path = directory.File("pass-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(passphrase));
            return path;
        }

        public static PpkFile Read(string path) => PpkReader.Parse(File.ReadAllBytes(path), path);

        public string PublicLine(string ppk) => ExternalTool.Check("puttygen", "-L", ppk).Trim();

        public void Dispose() => directory.Dispose();
    }
}

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>One set of puttygen masters for every PPK test class.</summary>
    [CollectionDefinition(Name)]
    public sealed class PuttygenKeysCollection : ICollectionFixture<PuttygenKeys>
    {
        public const string Name = "puttygen keys";
    }
}
