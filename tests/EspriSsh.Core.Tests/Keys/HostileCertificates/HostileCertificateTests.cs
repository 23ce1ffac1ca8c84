using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Keys.HostileCertificates
{
    /// <summary>
    /// Issue 26 items 2 and 7: crafted certificates (craft.py, README.md), each with one fault or
    /// none. EspriSsh refuses exactly those ssh-keygen -L refuses, with a problem that says why, and
    /// no consumer (Get-EspriKey's scan, Test-EspriPublicKey's checker) fails on any of them.
    /// </summary>
    public sealed class HostileCertificateTests
    {
        private static readonly CraftedFiles Crafted = new CraftedFiles("HostileCertificates");

        public static IEnumerable<object[]> Files() => Manifest().Select(m => new object[] { m.File });

        [Theory]
        [MemberData(nameof(Files))]
        public void RefusedExactlyWhenSshKeygenRefusesAndSaysWhy(string file)
        {
            (string _, string verdict, string phrase) = Manifest().Single(m => m.File == file);
            string path = Crafted.PathOf(file);
            Crafted.AssertCommitted(file);

            SshCertificate certificate = PublicKeyFile.TryReadCertificate(path, out string problem);

            Assert.Equal(verdict, certificate == null ? "refused" : "ok");
            if (certificate == null)
            {
                Assert.StartsWith($"'{path}' is a ", problem);
                Assert.Contains(phrase, problem);
            }
            else
            {
                Assert.True(UnsafeFree(certificate.ToString()), certificate.ToString());
            }
        }

        [RequiresToolsTheory("ssh-keygen")]
        [MemberData(nameof(Files))]
        public void TheManifestVerdictIsSshKeygensOwn(string file)
        {
            (string _, string verdict, string _) = Manifest().Single(m => m.File == file);
            int exitCode = ExternalTool.Run("ssh-keygen", "-L", "-f", Crafted.PathOf(file)).ExitCode;
            Assert.Equal(verdict, exitCode == 0 ? "ok" : "refused");
        }

        [Fact]
        public void AScanListsEachAsACertificateWithItsProblemAndGoesOn()
        {
            using var dir = new TempDirectory();
            foreach ((string file, string _, string _) in Manifest())
            {
                File.Copy(Crafted.PathOf(file), dir.File(file));
            }

            IReadOnlyList<KeyEntry> entries = KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default));

            Assert.Equal(Manifest().Count(), entries.Count);
            foreach ((string file, string verdict, string phrase) in Manifest())
            {
                KeyEntry entry = entries.Single(e => e.Path == dir.File(file));
                Assert.Equal(KeyEntryKind.Certificate, entry.Kind);
                Assert.Equal(verdict == "ok", entry.Certificate != null);
                Assert.Contains(entry.Problems, p => verdict == "ok" ? p.Contains("is not next to it") : p.Contains(phrase));
                Assert.All(entry.Problems.Append(entry.Comment ?? "").Append(entry.Type ?? ""), p => Assert.True(UnsafeFree(p), p));
            }
        }

        [Fact]
        public void PastedAsAPublicKeyEachGivesAVerdictNeverAnException()
        {
            foreach ((string file, string verdict, string _) in Manifest())
            {
                PublicKeyCheck check = PublicKeyPasteChecker.Check(File.ReadAllText(Crafted.PathOf(file)), file, SiteProfileLoader.Default);
                Assert.True(verdict == "ok" ? check.Normalized != null : !check.Valid, file);
                Assert.True(check.Normalized == null || UnsafeFree(check.Normalized), check.Normalized);
                Assert.All(check.Problems, p => Assert.True(UnsafeFree(p.Message), p.Message));
            }
        }

        [Fact]
        public void AnEmptyOrHostileKeyTypeIsDescribedNotACrash()
        {
            Assert.Equal("a key whose type name is empty", KeyTypeNames.Describe(""));
            Assert.Equal("a key of type 'x\\x1b[2J'", KeyTypeNames.Describe("x\u001b[2J"));
            Assert.False(SshCertificate.IsCertificateType("-cert-v01@openssh.com"));
        }

        private static bool UnsafeFree(string text) => EspriSsh.Core.Display.UntrustedText.IsSafe(text);

        private static IEnumerable<(string File, string Verdict, string Phrase)> Manifest() =>
            Crafted.Rows().Select(f => (f[0], f[1], f[2]));
    }
}
