using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Tests.Keys.Corpus
{
    /// <summary>
    /// Every file of the key corpus (README.md beside corpus.tsv) against the real tools: the public
    /// key and fingerprint EspriSsh reads are those ssh-keygen -y/-l (puttygen -L for .ppk, ssh-keygen
    /// -L for certificates) give; where EspriSsh refuses a file, the ErrorId is the documented one and
    /// the peer's own verdict is the documented one too.
    /// </summary>
    public sealed class CorpusTests
    {
        private const string Keygen = "ssh-keygen";

        public static IEnumerable<object[]> Files() => CorpusEntry.All.Select(e => new object[] { e.File });

        [RequiresToolsTheory(Keygen, "puttygen", "openssl")]
        [MemberData(nameof(Files))]
        public void AgreesWithThePeerTools(string file)
        {
            CorpusEntry entry = CorpusEntry.Named(file);
            using var dir = new TempDirectory();
            switch (entry.Kind)
            {
                case "pub":
                case "rfc4716":
                    CheckPublicLine(entry, dir);
                    break;
                case "cert":
                    CheckCertificate(entry, dir);
                    break;
                default:
                    CheckPrivateKey(entry, dir);
                    break;
            }
        }

        [Fact]
        public void TheManifestNamesEveryFileOnceAndOnlyKnownVerdicts()
        {
            string[] files = Directory.GetFiles(Path.Combine(CorpusEntry.Directory, "files")).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.Equal(files, CorpusEntry.All.Select(e => e.File).OrderBy(f => f, StringComparer.Ordinal).ToArray());
            Assert.All(CorpusEntry.All, e => Assert.Contains(e.Peer, new[] { "same", "fails", "reads", "openssl", "skip" }));
            Assert.All(CorpusEntry.All.Where(e => e.Expect != "ok"), e => Assert.NotEqual("same", e.Peer));
        }

        private static void CheckPrivateKey(CorpusEntry entry, TempDirectory dir)
        {
            string copy = PrivateCopy(entry, dir);
            byte[] passphrase = entry.Passphrase.Length == 0 ? null : Encoding.UTF8.GetBytes(entry.Passphrase);
            (int exitCode, string peerLine) = entry.Peer == "skip" ? (0, "") : PeerPublicLine(entry, copy, dir);
            if (entry.Expect == "ok")
            {
                SshPrivateKey key = PrivateKeyFileReader.ReadFile(copy, passphrase).Key;
                string reference = entry.Peer switch
                {
                    "same" => Succeeded(exitCode, peerLine, entry),
                    "openssl" => OpensslEd25519Line(copy, entry.Passphrase),
                    _ => LoadableCopyLine(entry, copy, dir, exitCode),
                };
                Assert.Equal(KeyPart(reference), KeyPart(key.PublicKey.ToLine()));
                Assert.Equal(PeerFingerprint(reference, dir), KeyFingerprint.Sha256(key.PublicKeyBlob));
                SshPublicKey inClear = PrivateKeyFileReader.PeekFile(copy).PublicKey;
                Assert.True(inClear == null || inClear.SameKeyAs(key.PublicKey), "what the file shows without a passphrase is the same key");
                return;
            }

            EspriException error = Assert.ThrowsAny<EspriException>(() => PrivateKeyFileReader.ReadFile(copy, passphrase));
            Assert.Equal(entry.Expect, error.ErrorId);
            AssertPeerVerdict(entry, exitCode);
            if (entry.Peer == "reads" && entry.Kind == "openssh")
            {
                // OpenSSH keys show their public half in clear: an unusable type is still listed right.
                Assert.Equal(KeyPart(peerLine), KeyPart(PrivateKeyFileReader.PeekFile(copy).PublicKey!.ToLine()));
            }
        }

        private static void CheckPublicLine(CorpusEntry entry, TempDirectory dir)
        {
            PublicKeyCheck check = PublicKeyPasteChecker.Check(File.ReadAllText(entry.Path), entry.File, site: null);

            // ssh-keygen -l reads one-line keys; an RFC 4716 block is imported first (ssh-keygen -i).
            var peer = entry.Kind == "rfc4716"
                ? ExternalTool.Run(Keygen, "-i", "-f", entry.Path)
                : ExternalTool.Run(Keygen, "-l", "-E", "sha256", "-f", entry.Path);
            if (entry.Expect != "ok")
            {
                Assert.Contains(entry.Expect, check.Problems.Select(p => p.Code));
                AssertPeerVerdict(entry, peer.ExitCode);
                return;
            }

            Assert.True(check.Valid, string.Join(" | ", check.Problems.Select(p => p.ToString())));
            Assert.Equal(0, peer.ExitCode);
            string reference = entry.Kind == "rfc4716" ? peer.Output : File.ReadAllText(entry.Path);
            Assert.Equal(KeyPart(reference), KeyPart(check.Normalized!));
            Assert.Equal(PeerFingerprint(reference, dir), check.Fingerprint);
        }

        private static void CheckCertificate(CorpusEntry entry, TempDirectory dir)
        {
            SshCertificate certificate = PublicKeyFile.TryReadCertificate(entry.Path, out string problem);
            Assert.True(certificate != null, problem);
            var listing = ExternalTool.RunWithEnvironment(Keygen, new Dictionary<string, string> { ["TZ"] = "UTC" }, "-L", "-f", entry.Path);
            Assert.Equal(0, listing.ExitCode);
            Dictionary<string, List<string>> facts = ParseListing(listing.Output);

            Assert.Equal($"{certificate!.CertificateType} {certificate.Kind.ToString().ToLowerInvariant()} certificate", facts["Type"][0]);
            Assert.Equal(facts["Public key"][0].Split(' ')[1], KeyFingerprint.Sha256(certificate.CertifiedKey.Blob));
            Assert.Equal(facts["Signing CA"][0].Split(' ')[1], certificate.CaFingerprint);
            Assert.Equal("\"" + certificate.KeyId + "\"", facts["Key ID"][0]);
            Assert.Equal(facts["Serial"][0], certificate.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(facts["Valid"][0], Validity(certificate));
            Assert.Equal(facts["Principals"], certificate.Principals.ToList());
            Assert.Equal(facts["Critical Options"].Select(o => o.Split(' ')[0]), certificate.CriticalOptions);
            Assert.Equal(facts["Extensions"], certificate.Extensions.ToList());
            string fingerprint = ExternalTool.Check(Keygen, "-l", "-E", "sha256", "-f", entry.Path).Split(' ')[1];
            Assert.Equal(fingerprint, KeyFingerprint.Sha256(certificate.CertifiedKey.Blob));
        }

        /// <summary>"Name: value" lines of ssh-keygen -L; a list (principals, options) is the indented lines under an empty value.</summary>
        private static Dictionary<string, List<string>> ParseListing(string output)
        {
            var facts = new Dictionary<string, List<string>>();
            List<string> current = null;
            foreach (string raw in output.Split('\n').Skip(1).Where(l => l.Trim().Length > 0))
            {
                string line = raw.Trim();
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                bool indented = raw.StartsWith("                ", StringComparison.Ordinal);
                if (!indented && (colon > 0 || line.EndsWith(":", StringComparison.Ordinal)))
                {
                    string name = colon > 0 ? line.Substring(0, colon) : line.TrimEnd(':');
                    string value = colon > 0 ? line.Substring(colon + 2).Trim() : "";
                    current = facts[name] = value.Length == 0 || value == "(none)" ? new List<string>() : new List<string> { value };
                }
                else
                {
                    current!.Add(line);
                }
            }

            return facts;
        }

        private static string Validity(SshCertificate certificate)
        {
            static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            return certificate.ValidAfter == null && certificate.ValidBefore == null ? "forever"
                : certificate.ValidAfter == null ? "before " + Time(certificate.ValidBefore!.Value)
                : certificate.ValidBefore == null ? "after " + Time(certificate.ValidAfter.Value)
                : $"from {Time(certificate.ValidAfter.Value)} to {Time(certificate.ValidBefore.Value)}";
        }

        private static void AssertPeerVerdict(CorpusEntry entry, int exitCode)
        {
            if (entry.Peer == "fails" || entry.Peer == "openssl")
            {
                Assert.NotEqual(0, exitCode);
            }
            else if (entry.Peer == "reads")
            {
                Assert.Equal(0, exitCode);
            }
        }

        /// <summary>ssh-keygen refuses keys readable by others: the peer reads a 0600 copy.</summary>
        private static string PrivateCopy(CorpusEntry entry, TempDirectory dir)
        {
            string copy = dir.File(entry.File);
            File.Copy(entry.Path, copy);
            UnixModes.MakePrivate(copy);
            return copy;
        }

        /// <summary>
        /// The peer's public line: ssh-keygen -y, or for a .ppk puttygen's decrypting export to OpenSSH
        /// (puttygen -L would not check the passphrase) read back with ssh-keygen -y.
        /// </summary>
        private static (int ExitCode, string Line) PeerPublicLine(CorpusEntry entry, string copy, TempDirectory dir)
        {
            string source = copy, passphrase = entry.Passphrase;
            if (entry.Kind == "ppk")
            {
                string passFile = dir.File("pass"), empty = dir.File("empty"), exported = dir.File("exported");
                File.WriteAllText(passFile, entry.Passphrase);
                File.WriteAllText(empty, "");
                var export = ExternalTool.Run("puttygen", copy, "-O", "private-openssh-new", "-o", exported, "--old-passphrase", passFile, "--new-passphrase", empty);
                if (export.ExitCode != 0)
                {
                    return (export.ExitCode, "");
                }

                source = exported;
                passphrase = "";
            }

            var k = ExternalTool.Run(Keygen, "-y", "-P", passphrase, "-f", source);
            return (k.ExitCode, k.Output.Trim());
        }

        private static string Succeeded(int exitCode, string line, CorpusEntry entry)
        {
            Assert.True(exitCode == 0, $"the peer tool cannot read {entry.File}");
            return line;
        }

        /// <summary>
        /// A file the peer fails on only for its text form (CR, BOM, no final newline): the same bytes
        /// made loadable here, by the test, must give ssh-keygen the key EspriSsh read.
        /// </summary>
        private static string LoadableCopyLine(CorpusEntry entry, string copy, TempDirectory dir, int exitCode)
        {
            Assert.NotEqual(0, exitCode);
            string text = File.ReadAllText(copy).TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');
            string loadable = dir.File("loadable");
            File.WriteAllText(loadable, text.EndsWith("\n", StringComparison.Ordinal) ? text : text + "\n");
            UnixModes.MakePrivate(loadable);
            return ExternalTool.Check(Keygen, "-y", "-P", entry.Passphrase, "-f", loadable).Trim();
        }

        /// <summary>ssh-keygen cannot read Ed25519 PKCS#8: openssl gives the public key, wrapped here in its SSH form.</summary>
        private static string OpensslEd25519Line(string copy, string passphrase)
        {
            string der = copy + ".spki";
            var args = new List<string> { "pkey", "-in", copy, "-pubout", "-outform", "DER", "-out", der };
            if (passphrase.Length > 0)
            {
                args.AddRange(new[] { "-passin", "pass:" + passphrase });
            }

            ExternalTool.Check("openssl", args.ToArray());
            byte[] spki = File.ReadAllBytes(der);
            byte[] point = spki.Skip(spki.Length - 32).ToArray();
            byte[] type = Encoding.ASCII.GetBytes("ssh-ed25519");
            byte[] blob = Length(type.Length).Concat(type).Concat(Length(32)).Concat(point).ToArray();
            return "ssh-ed25519 " + Convert.ToBase64String(blob);
        }

        private static byte[] Length(int n) => new[] { (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n };

        private static string PeerFingerprint(string line, TempDirectory dir)
        {
            string pub = dir.File("peer.pub");
            File.WriteAllText(pub, line + "\n");
            return ExternalTool.Check(Keygen, "-l", "-E", "sha256", "-f", pub).Split(' ')[1];
        }

        private static string KeyPart(string line)
        {
            string[] fields = line.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return fields[0] + " " + fields[1];
        }
    }
}
