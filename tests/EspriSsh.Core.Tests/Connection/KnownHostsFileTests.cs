using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Connection;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>known_hosts reading and writing, with ssh-keygen -F / -H as the reference.</summary>
    public class KnownHostsFileTests
    {
        private static (string Type, string Base64, byte[] Blob) HostKey(TempDirectory dir, string name)
        {
            string path = dir.File(name);
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path);
            string[] parts = File.ReadAllText(path + ".pub").Trim().Split(' ');
            return (parts[0], parts[1], Convert.FromBase64String(parts[1]));
        }

        /// <summary>Whether ssh-keygen -F finds the host in the file (the reference lookup).</summary>
        private static bool SshKeygenFinds(string file, string name) => ExternalTool.Run("ssh-keygen", "-F", name, "-f", file).ExitCode == 0;

        [RequiresToolsTheory("ssh-keygen")]
        [InlineData("spirit1.ipsl.fr", 22, true)]
        [InlineData("SPIRIT1.ipsl.fr", 22, true)]
        [InlineData("spirit1.ipsl.fr", 2222, false)]
        [InlineData("spirit2.ipsl.fr", 22, true)]
        [InlineData("hal.ipsl.fr", 2222, true)]
        [InlineData("hal.ipsl.fr", 22, true)]
        [InlineData("hal.ipsl.fr", 2223, false)]
        [InlineData("spiritx1.ipsl.fr", 22, true)]
        [InlineData("bad.ipsl.fr", 22, false)]
        [InlineData("jean-zay.idris.fr", 22, false)]
        public void MatchesHostsAsSshKeygenDoes(string host, int port, bool expected)
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            string file = dir.File("known_hosts");
            File.WriteAllText(file,
                "# comment line\n\n"
                + $"spirit1.ipsl.fr,spirit2.ipsl.fr {key.Type} {key.Base64}\n"
                + $"[hal.ipsl.fr]:2222 {key.Type} {key.Base64}\n"
                + $"spiritx?.ipsl.fr,*.ipsl.fr,!bad.ipsl.fr {key.Type} {key.Base64}\n");

            KnownHostsFile parsed = KnownHostsFile.Load(file);
            Assert.Equal(3, parsed.Entries.Count);
            Assert.Empty(parsed.UnreadableLines);
            string name = KnownHostEntry.LookupName(host, port);
            Assert.Equal(SshKeygenFinds(file, name), expected);
            Assert.Equal(expected, parsed.Find(host, port).Count > 0);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void ReadsEntriesHashedBySshKeygen()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            string file = dir.File("known_hosts");
            File.WriteAllText(file, $"spirit1.ipsl.fr {key.Type} {key.Base64}\n[127.0.0.1]:2200 {key.Type} {key.Base64}\n");
            ExternalTool.Check("ssh-keygen", "-q", "-H", "-f", file);

            KnownHostsFile parsed = KnownHostsFile.Load(file);
            Assert.All(parsed.Entries, e => Assert.True(e.IsHashed));
            Assert.Single(parsed.Find("spirit1.ipsl.fr", 22));
            Assert.Single(parsed.Find("127.0.0.1", 2200));
            Assert.Empty(parsed.Find("127.0.0.1", 22));
            Assert.Empty(parsed.Find("spirit2.ipsl.fr", 22));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void KeepsMarkersAndSetsBrokenLinesAside()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            KnownHostsFile parsed = KnownHostsFile.Parse(
                $"@revoked spirit1.ipsl.fr {key.Type} {key.Base64}\n"
                + $"@cert-authority *.ipsl.fr {key.Type} {key.Base64}\n"
                + "@unknown-marker host ssh-ed25519 AAAA\n"
                + "only-a-host\n"
                + "host ssh-ed25519 not*base64\n", "mem");

            // Compared by name: Mono enumerates an enum array as its underlying ints.
            Assert.Equal(new[] { "Revoked", "CertAuthority" }, parsed.Entries.Select(e => e.Marker.ToString()));
            Assert.Equal(new[] { 3, 4, 5 }, parsed.UnreadableLines);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AppendKeepsEveryExistingByteAndWritesALineSshFinds()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            string file = dir.File("known_hosts");
            byte[] before = System.Text.Encoding.UTF8.GetBytes("# mine\r\nother.example.org ssh-ed25519 " + key.Base64); // no final newline
            File.WriteAllBytes(file, before);

            Assert.True(KnownHostsFile.Append(file, KnownHostEntry.LookupName("127.0.0.1", 2200), key.Type, key.Blob).Recorded);
            Assert.True(KnownHostsFile.Append(file, KnownHostEntry.LookupName("spirit1.ipsl.fr", 22), key.Type, key.Blob).Recorded);

            byte[] after = File.ReadAllBytes(file);
            Assert.Equal(before, after.Take(before.Length).ToArray());
            Assert.Equal((byte)'\n', after[before.Length]);
            Assert.True(SshKeygenFinds(file, "[127.0.0.1]:2200"));
            Assert.True(SshKeygenFinds(file, "spirit1.ipsl.fr"));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AppendCreatesTheFileAndItsFolder()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            string file = Path.Combine(dir.Path, "new", ".ssh", "known_hosts");
            KnownHostsFile.Append(file, "hal.ipsl.fr", key.Type, key.Blob);
            Assert.Equal($"hal.ipsl.fr {key.Type} {key.Base64}\n", File.ReadAllText(file));
        }

        [UnixFact("readlink", "ssh-keygen")]
        public void AppendGoesIntoTheFileALinkNamesAndTheLinkStays()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            Directory.CreateDirectory(dir.File("dotfiles"));
            string real = dir.File("dotfiles/known_hosts");
            File.WriteAllText(real, "other.example.org " + key.Type + " " + key.Base64 + "\n");
            string link = dir.File("known_hosts");
            SymbolicLink.Create(link, "dotfiles/known_hosts");

            Assert.True(KnownHostsFile.Append(link, "hal.ipsl.fr", key.Type, key.Blob).Recorded);

            Assert.Equal("dotfiles/known_hosts", ExternalTool.Check("readlink", link).Trim());
            Assert.True(SshKeygenFinds(real, "hal.ipsl.fr"));
            Assert.StartsWith("other.example.org ", File.ReadAllText(real));
        }

        [UnixFact]
        public void DevNullIsAnEmptyFileThatKeepsNothing()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            Assert.Empty(KnownHostsFile.Load("/dev/null").Entries);
            KnownHostsWrite write = KnownHostsFile.Append("/dev/null", "hal.ipsl.fr", key.Type, key.Blob);
            Assert.False(write.Recorded);
            Assert.Contains("empty", write.Problem);
            SymbolicLink.Create(dir.File("kh"), "/dev/null");
            Assert.True(KnownHostsFile.Load(dir.File("kh")).IsNullDevice);
        }

        [UnixFact(NotAsRoot = true)]
        public void AReadOnlyFileIsReportedAsSshReportsItAndLeftAlone()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            string file = dir.File("known_hosts");
            File.WriteAllText(file, "# kept\n");
            UnixModes.Set(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            KnownHostsWrite write = KnownHostsFile.Append(file, "hal.ipsl.fr", key.Type, key.Blob);
            Assert.False(write.Recorded);
            Assert.StartsWith($"Failed to add the host to the list of known hosts ({file})", write.Problem);
            Assert.Equal("# kept\n", File.ReadAllText(file));
        }

        [UnixFact]
        public void AFileNobodyMayWriteIsReportedAsSshReportsItEvenForRoot()
        {
            using var dir = new TempDirectory();
            var key = HostKey(dir, "h");
            Assert.True(File.Exists("/proc/version"), "this test needs Linux's /proc/version: a file even root cannot write");
            KnownHostsWrite write = KnownHostsFile.Append("/proc/version", "hal.ipsl.fr", key.Type, key.Blob);
            Assert.False(write.Recorded);
            Assert.StartsWith("Failed to add the host to the list of known hosts (/proc/version)", write.Problem);
        }
    }
}
