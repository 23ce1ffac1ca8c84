using System.Linq;
using EspriSsh.Core.Connection;
using Renci.SshNet;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>
    /// OpenSSH's order_hostkeyalgs applied to SSH.NET's own list. The effect on a real server with two
    /// host keys (ssh's verdict as the oracle) is in HostKeyTrust.Tests.ps1.
    /// </summary>
    public class HostKeyAlgorithmOrderTests
    {
        private static string[] SshNetDefaults() =>
            new ConnectionInfo("h", "u", new NoneAuthenticationMethod("u")).HostKeyAlgorithms.Keys.ToArray();

        [Fact]
        public void AHostKnownByItsRsaKeyGetsTheRsaAlgorithmsFirstTheOthersInTheirOrder()
        {
            string[] defaults = SshNetDefaults();
            var ordered = HostKeyAlgorithmOrder.Order(defaults, new[] { "ssh-rsa" });
            Assert.Equal(new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" }, ordered.Take(3));
            Assert.Equal(defaults.Where(a => !a.Contains("-cert-") && !ordered.Take(3).Contains(a)), ordered.Skip(3));
        }

        [Fact]
        public void KeepsTheListWhenItsFirstChoiceIsKnownOrNothingIsKnown()
        {
            string[] plain = SshNetDefaults().Where(a => !a.Contains("-cert-")).ToArray();
            Assert.Equal("ssh-ed25519", plain[0]);
            Assert.Equal(plain, HostKeyAlgorithmOrder.Order(SshNetDefaults(), new[] { "ssh-ed25519", "ssh-rsa" }));
            Assert.Equal(plain, HostKeyAlgorithmOrder.Order(SshNetDefaults(), new string[0]));
        }

        [Fact]
        public void LeavesCertificateAlgorithmsOutAndReordersSshNetsListInPlace()
        {
            var info = new ConnectionInfo("h", "u", new NoneAuthenticationMethod("u"));
            Assert.Contains(info.HostKeyAlgorithms.Keys, a => a.EndsWith("-cert-v01@openssh.com"));
            HostKeyAlgorithmOrder.Apply(info.HostKeyAlgorithms, new[] { "ecdsa-sha2-nistp384" });
            Assert.Equal("ecdsa-sha2-nistp384", info.HostKeyAlgorithms.Keys.First());
            Assert.DoesNotContain(info.HostKeyAlgorithms.Keys, a => a.Contains("-cert-"));
            Assert.NotNull(info.HostKeyAlgorithms["ssh-ed25519"]);
        }
    }
}
