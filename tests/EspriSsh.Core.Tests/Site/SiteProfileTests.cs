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
    }
}
