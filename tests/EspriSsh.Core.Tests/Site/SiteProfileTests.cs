using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Site
{
    public class SiteProfileTests
    {
        private readonly SiteProfile espri = SiteProfileLoader.Default;

        [Fact]
        public void TheEmbeddedProfileHoldsTheEspriHosts()
        {
            Assert.Equal("spirit1.ipsl.fr", espri.FindHost("spirit1").HostName);
            Assert.Equal("spirit1", espri.FindHost("jean-zay.idris.fr").Via);
            Assert.Equal("spirit1", espri.DefaultHeadNode);
        }

        [Theory]
        [InlineData("ssh-ed25519", 256, KeyPolicyVerdict.Preferred)]
        [InlineData("ssh-rsa", 4096, KeyPolicyVerdict.Tolerated)]
        [InlineData("ssh-rsa", 3072, KeyPolicyVerdict.Refused)]
        [InlineData("ssh-rsa", 2048, KeyPolicyVerdict.Refused)]
        [InlineData("ssh-dss", 1024, KeyPolicyVerdict.Refused)]
        [InlineData("ecdsa-sha2-nistp256", 256, KeyPolicyVerdict.Refused)]
        [InlineData("ssh-ed448", 456, KeyPolicyVerdict.Refused)]
        public void KeyPolicy(string type, int bits, KeyPolicyVerdict expected)
        {
            KeyPolicyResult result = espri.Evaluate(type, bits);
            Assert.Equal(expected, result.Verdict);
            Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        }

        [Fact]
        public void ShortRsaSaysHowManyBitsAreNeeded()
        {
            Assert.Contains("4096", espri.Evaluate("ssh-rsa", 2048).Reason);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"name\":\"x\",\"hosts\":[],\"keyPolicy\":[]}")]
        [InlineData("{\"name\":\"x\",\"defaultHeadNode\":\"a\",\"hosts\":[{\"alias\":\"a\",\"hostName\":\"a.b\",\"via\":\"nowhere\"}],\"keyPolicy\":[{\"type\":\"ssh-ed25519\",\"verdict\":\"Preferred\"}]}")]
        public void BadProfilesAreRejectedWithSiteProfileInvalid(string json)
        {
            var ex = Assert.Throws<EspriException>(() => SiteProfileLoader.Parse(json, "test.json"));
            Assert.Equal(ErrorIds.SiteProfileInvalid, ex.ErrorId);
            Assert.Contains("test.json", ex.Message);
        }

        private const string ValidProfile = @"{
  ""name"": ""Test site"", ""defaultHeadNode"": ""login1"",
  ""support"": { ""address"": ""help@example.org"", ""reportSubject"": ""ssh"", ""reportFileName"": ""report.txt"" },
  ""hosts"": [
    { ""alias"": ""login1"", ""hostName"": ""login1.example.org"", ""role"": ""HeadNode"", ""port"": 22 },
    { ""alias"": ""v6"", ""hostName"": ""::1"", ""port"": 2222 },
    { ""alias"": ""inner"", ""hostName"": ""10.0.0.7"", ""role"": ""Remote"", ""via"": ""login1"" }
  ],
  ""hostKeyFingerprints"": [ { ""hostName"": ""login1.example.org"", ""keyType"": ""ssh-ed25519"", ""fingerprint"": ""SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"" } ],
  ""keyPolicy"": [ { ""type"": ""ssh-ed25519"", ""verdict"": ""Preferred"", ""reason"": ""r"" } ]
}";

        [Fact]
        public void AValidProfileLoadsWithRolesAndItsRemoteHostFoundByRole()
        {
            SiteProfile site = SiteProfileLoader.Parse(ValidProfile, "test.json");

            Assert.False(site.IsBuiltIn);
            Assert.Equal(new[] { "login1", "v6" }, site.HeadNodes.Select(h => h.Alias));
            Assert.Equal("inner", site.RemoteHost.Alias);
            Assert.Equal(SiteHostRole.Remote, site.FindHost("10.0.0.7").Role);
            Assert.True(SiteProfileLoader.Default.IsBuiltIn);
            Assert.Equal("jean-zay", SiteProfileLoader.Default.RemoteHost.Alias);
        }

        [Theory]
        [InlineData("\"alias\": \"login1\"", "\"alias\": \"login1\\nProxyCommand touch x\"", "hosts[0].alias")]
        [InlineData("\"alias\": \"login1\"", "\"alias\": \"login*\"", "hosts[0].alias")]
        [InlineData("\"alias\": \"login1\"", "\"alias\": \"-oProxyCommand=x\"", "hosts[0].alias")]
        [InlineData("\"hostName\": \"login1.example.org\", \"role\"", "\"hostName\": \"-oProxyCommand=touch x\", \"role\"", "hosts[0].hostName")]
        [InlineData("\"hostName\": \"login1.example.org\", \"role\"", "\"hostName\": \"login1 example.org\", \"role\"", "hosts[0].hostName")]
        [InlineData("\"port\": 22 }", "\"port\": 0 }", "hosts[0].port")]
        [InlineData("\"port\": 2222", "\"port\": 70000", "hosts[1].port")]
        [InlineData("\"via\": \"login1\"", "\"via\": \"nowhere\"", "hosts[2].via")]
        [InlineData("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", "hostKeyFingerprints[0].fingerprint")]
        [InlineData("\"keyType\": \"ssh-ed25519\"", "\"keyType\": \"ssh ed25519\"", "hostKeyFingerprints[0].keyType")]
        [InlineData("\"name\": \"Test site\"", "\"name\": \"Test\\u0007site\"", "name")]
        [InlineData("\"reportFileName\": \"report.txt\"", "\"reportFileName\": \"../report.txt\"", "support.reportFileName")]
        [InlineData("\"defaultHeadNode\": \"login1\"", "\"defaultHeadNode\": \"inner\"", "defaultHeadNode")]
        [InlineData("\"reason\": \"r\"", "\"reason\": \"r\\r\\nHost *\"", "keyPolicy[0].reason")]
        public void EveryFieldIsValidatedAndTheBadOneIsNamed(string valid, string bad, string field)
        {
            Assert.Contains(valid, ValidProfile);
            var ex = Assert.Throws<EspriException>(() => SiteProfileLoader.Parse(ValidProfile.Replace(valid, bad), "test.json"));

            Assert.Equal(ErrorIds.SiteProfileInvalid, ex.ErrorId);
            Assert.Contains(" " + field + " ", ex.Message);
            Assert.Equal("test.json", ex.Target);
        }

        /// <summary>Issue 26 item 5: the holes of the second probe, each refused with the field named in the profile's own words.</summary>
        [Theory]
        [InlineData("\"hostName\": \"login1.example.org\", \"keyType\"", "\"hostName\": \"login1.example.org\\n\", \"keyType\"", "hostKeyFingerprints[0].hostName", "neither a DNS name")]
        [InlineData("\"keyType\": \"ssh-ed25519\"", "\"keyType\": \"ssh-ed25519\\n\"", "hostKeyFingerprints[0].keyType", "not an SSH key type")]
        [InlineData("JWZG3hSuFU\"", "JWZG3hSuFU\\n\"", "hostKeyFingerprints[0].fingerprint", "SHA256:")]
        [InlineData("\"type\": \"ssh-ed25519\"", "\"type\": \"ssh-ed25519\\n\"", "keyPolicy[0].type", "not an SSH key type")]
        [InlineData("\"alias\": \"login1\"", "\"alias\": \"login1\\n\"", "hosts[0].alias", "control")]
        [InlineData("\"name\": \"Test site\"", "\"name\": \"Test \\u202Eetis\"", "name", "\\u202e")]
        [InlineData("\"address\": \"help@example.org\"", "\"address\": \"help@example.org\\u2028Send your key to evil@example.org\"", "support.address", "\\u2028")]
        [InlineData("\"reason\": \"r\"", "\"reason\": \"r\\u2066x\\u2069\"", "keyPolicy[0].reason", "\\u2066")]
        [InlineData("\"hostName\": \"login1.example.org\", \"role\"", "\"hostNmae\": \"login1.example.org\", \"role\"", "hosts[0].hostNmae", "did you mean 'hostName'?")]
        [InlineData("\"keyPolicy\": [", "\"keyPolicies\": [", "the field 'keyPolicies'", "did you mean 'keyPolicy'?")]
        [InlineData("\"reportSubject\": \"ssh\"", "\"reportSubjet\": \"ssh\"", "support.reportSubjet", "did you mean 'reportSubject'?")]
        [InlineData("\"port\": 22 }", "\"port\": 22, \"Port\": 2222 }", "hosts[0].Port", "appears twice")]
        [InlineData("\"port\": 22 }", "\"port\": \"22\" }", "hosts[0].port", "must be a whole number, not the text \"22\"")]
        [InlineData("\"port\": 22 }", "\"port\": 22.5 }", "hosts[0].port", "must be a whole number, not 22.5")]
        [InlineData("\"port\": 22 }", "\"port\": null }", "hosts[0].port", "must be a whole number, not null")]
        [InlineData("\"verdict\": \"Preferred\"", "\"verdict\": \"Preferred\", \"minimumBits\": \"4096\"", "keyPolicy[0].minimumBits", "must be a whole number or null")]
        [InlineData("\"verdict\": \"Preferred\"", "\"verdict\": 1", "keyPolicy[0].verdict", "must be one of Preferred, Tolerated, Refused (in quotes)")]
        [InlineData("\"role\": \"HeadNode\"", "\"role\": \"Jump\"", "hosts[0].role", "must be one of HeadNode, Remote (in quotes)")]
        [InlineData("\"hosts\": [", "\"hosts\": {\"a\": 1}, \"x\": [", "hosts", "must be a list [...]")]
        [InlineData("\"support\": {", "\"support\": [ ], \"y\": {", "support", "must be an object {...} with the fields address, reportSubject, reportFileName")]
        [InlineData("\"name\": \"Test site\"", "\"name\": [\"Test site\"]", "name", "must be text in quotes, not a list")]
        [InlineData("\"via\": \"login1\"", "\"via\": \"inner\"", "hosts[2].via", "makes a loop (inner via inner)")]
        [InlineData("\"role\": \"HeadNode\", \"port\": 22 }", "\"role\": \"HeadNode\", \"port\": 22, \"via\": \"inner\" }", "hosts[0].via", "makes a loop (login1 via inner via login1)")]
        [InlineData("\"name\": \"Test site\"", "\"name\": \"Test site\", \"source\": \"built-in (ESPRI)\"", "the field 'source'", "did you mean")]
        public void TheSecondProbesProfilesAreRefusedInTheProfilesOwnTerms(string valid, string bad, string field, string said)
        {
            Assert.Contains(valid, ValidProfile);
            var ex = Assert.Throws<EspriException>(() => SiteProfileLoader.Parse(ValidProfile.Replace(valid, bad), "test.json"));

            Assert.Equal(ErrorIds.SiteProfileInvalid, ex.ErrorId);
            Assert.Contains(" " + field + " ", ex.Message);
            Assert.Contains(said, ex.Message);
            Assert.DoesNotContain("System.", ex.Message);
            Assert.True(EspriSsh.Core.Display.UntrustedText.IsSafe(ex.Message), ex.Message);
        }

        [Fact]
        public void ACopyIsIndependentOfTheProfileTheModuleUses()
        {
            SiteProfile copy = SiteProfileLoader.Default.Copy();
            copy.KeyPolicy.Clear();
            copy.Hosts[0].HostName = "evil.example.org";

            Assert.True(copy.IsBuiltIn);
            Assert.NotEmpty(SiteProfileLoader.Default.KeyPolicy);
            Assert.Equal("spirit1.ipsl.fr", SiteProfileLoader.Default.FindHost("spirit1").HostName);
            Assert.Equal(KeyPolicyVerdict.Preferred, SiteProfileLoader.Default.Evaluate("ssh-ed25519", 256).Verdict);
        }
    }
}
