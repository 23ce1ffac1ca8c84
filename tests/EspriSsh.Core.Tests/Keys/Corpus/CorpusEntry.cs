using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Tests.Keys.Corpus
{
    /// <summary>One line of corpus.tsv: a file of our key corpus and what EspriSsh and the peer tool must say of it (README.md).</summary>
    public sealed class CorpusEntry
    {
        // Beside the test assembly, not the AppDomain's base: a runner without app domains has its own.
        public static readonly string Directory = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(CorpusEntry).Assembly.Location)!, "Keys", "Corpus");

        private CorpusEntry(string[] fields)
        {
            File = fields[0];
            Kind = fields[1];
            Passphrase = fields[2];
            Expect = fields[3];
            Peer = fields[4];
            Mirrors = fields[5];
        }

        public string File { get; }

        /// <summary>openssh, pem, pkcs8, ppk (private keys); pub, rfc4716, cert.</summary>
        public string Kind { get; }

        public string Passphrase { get; }

        /// <summary>"ok", or the ErrorId (private keys) / problem code (public lines) EspriSsh gives.</summary>
        public string Expect { get; }

        /// <summary>same, fails, reads, openssl or skip: what the peer tool does with the file.</summary>
        public string Peer { get; }

        public string Mirrors { get; }

        public string Path => System.IO.Path.Combine(Directory, "files", File);

        public bool IsPrivate => Kind == "openssh" || Kind == "pem" || Kind == "pkcs8" || Kind == "ppk";

        public static IReadOnlyList<CorpusEntry> All { get; } = System.IO.File.ReadAllLines(System.IO.Path.Combine(Directory, "corpus.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => new CorpusEntry(l.Split('\t')))
            .ToList();

        public static CorpusEntry Named(string file) => All.Single(e => e.File == file);

        public override string ToString() => File;
    }
}
