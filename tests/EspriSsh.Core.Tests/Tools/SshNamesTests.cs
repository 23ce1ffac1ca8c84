using EspriSsh.Core.Errors;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Tools
{
    /// <summary>
    /// OpenSSH 9.6's ssh_valid_hostname / ssh_valid_ruser rules (readconf.c). The ssh installed here
    /// (9.2) predates them, so the cases are written from the rules; HostileInput.Tests.ps1 shows what
    /// ssh 9.2 does with such a value.
    /// </summary>
    public class SshNamesTests
    {
        [Theory]
        [InlineData("spirit1", true)]
        [InlineData("spirit1.ipsl.fr", true)]
        [InlineData("127.0.0.1", true)]
        [InlineData("::1", true)]
        [InlineData("[::1]", true)]
        [InlineData("user@host", true)]
        [InlineData("jean-zay", true)]
        [InlineData("héte", true)]
        [InlineData("", false)]
        [InlineData("-oProxyCommand=x", false)]
        [InlineData("-p", false)]
        [InlineData("a b", false)]
        [InlineData("a\tb", false)]
        [InlineData("a\nb", false)]
        [InlineData("a\u0001b", false)]
        [InlineData("a,b", false)]
        [InlineData("a;b", false)]
        [InlineData("a$b", false)]
        [InlineData("a`b", false)]
        [InlineData("a'b", false)]
        [InlineData("a\"b", false)]
        [InlineData("a\\b", false)]
        [InlineData("a|b", false)]
        [InlineData("a&b", false)]
        [InlineData("a<b", false)]
        [InlineData("a(b)", false)]
        [InlineData("a{b}", false)]
        public void HostNames(string name, bool valid)
        {
            Assert.Equal(valid, SshNames.IsValidHostName(name));
            if (!valid)
            {
                var error = Assert.Throws<EspriException>(() => SshNames.RequireHostName(name));
                Assert.Equal(ErrorIds.HostNameInvalid, error.ErrorId);
                Assert.DoesNotContain("\n", error.Message);
            }
        }

        [Theory]
        [InlineData("jdupont", true)]
        [InlineData("j.dupont_2", true)]
        [InlineData("DOMAIN\\user", true)]
        [InlineData("user@realm", true)]
        [InlineData("a b", true)]
        [InlineData("a-b", true)]
        [InlineData("a$b", true)]
        [InlineData("", false)]
        [InlineData("-oProxyCommand=x", false)]
        [InlineData("a -o", false)]
        [InlineData("a\t-o", false)]
        [InlineData("user\\", false)]
        [InlineData("a\nb", false)]
        [InlineData("a;b", false)]
        [InlineData("a'b", false)]
        [InlineData("a`b", false)]
        [InlineData("a\"b", false)]
        [InlineData("a|b", false)]
        [InlineData("a&b", false)]
        [InlineData("a<b", false)]
        [InlineData("a(b", false)]
        [InlineData("a{b", false)]
        public void Logins(string login, bool valid)
        {
            Assert.Equal(valid, SshNames.IsValidLogin(login));
            if (!valid)
            {
                var error = Assert.Throws<EspriException>(() => SshNames.RequireLogin(login, "User"));
                Assert.Equal(ErrorIds.LoginInvalid, error.ErrorId);
                Assert.StartsWith("-User ", error.Message);
            }
        }
    }
}
