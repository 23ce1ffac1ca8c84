using EspriSsh.Core.Config;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Tests.Config
{
    public class ProxyCommandJumpTests
    {
        [Theory]
        [InlineData("ssh spirit1 -W %h:%p", "spirit1")]
        [InlineData("ssh -q -W %h:%p spirit1", "spirit1")]
        [InlineData("/usr/bin/ssh -F /tmp/cfg -x spirit1 -W %h:%p", "spirit1")]
        [InlineData("\"C:\\Windows\\System32\\OpenSSH\\ssh.exe\" spirit1 -W %h:%p", "spirit1")]
        [InlineData("ssh -l jdupont -p 2222 spirit1.ipsl.fr -W %h:%p", "jdupont@spirit1.ipsl.fr:2222")]
        [InlineData("ssh bob@gate -W %h:%p", "bob@gate")]
        public void ReadsTheSshDashWForm(string command, string jump)
        {
            Assert.Equal(jump, ProxyCommandJump.ToJump(command));
        }

        [Theory]
        [InlineData("nc %h %p")]
        [InlineData("ssh spirit1 nc %h %p")]
        [InlineData("ssh -W %h:%p")]
        [InlineData("ssh spirit1 -W localhost:22")]
        public void RefusesWhatItCannotFollow(string command)
        {
            var ex = Assert.Throws<EspriException>(() => ProxyCommandJump.ToJump(command));
            Assert.Equal(ErrorIds.ConfigInvalid, ex.ErrorId);
        }
    }
}
