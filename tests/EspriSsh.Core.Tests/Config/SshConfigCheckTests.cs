using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;

namespace EspriSsh.Core.Tests.Config
{
    /// <summary>
    /// EspriSsh's own verdict on a line, for machines without ssh, against the real ssh's: one line of
    /// every kind of argument readconf.c reads, well and badly written, under a Host that does not
    /// apply (ssh checks those lines too) and one that does.
    /// </summary>
    public class SshConfigCheckTests
    {
        private static readonly string[] Lines =
        {
            "Port 2222", "Port 0", "Port 65536", "Port ssh", "Port notanumber", "Port 22 23", "Port",
            "User alice", "User alice bob", "User \"a b\"", "User 'unclosed", "HostName =x.org", "HostName ==x.org",
            "ForwardAgent yes", "ForwardAgent /tmp/agent.sock", "ForwardAgent ${NO_SUCH_VARIABLE_HERE}/s", "ForwardAgent $BAD-NAME", "ForwardX11 maybe", "ForwardX11 YES",
            "StrictHostKeyChecking accept-new", "StrictHostKeyChecking later", "Compression yes", "Compression delayed",
            "ConnectTimeout 10", "ConnectTimeout 1h30m", "ConnectTimeout none", "ConnectTimeout -1", "ConnectTimeout 10x", "ServerAliveInterval 5w",
            "ConnectionAttempts 3", "ConnectionAttempts abc", "ConnectionAttempts 99999999999", "NumberOfPasswordPrompts -1",
            "IdentityFile ~/.ssh/id_ed25519", "IdentityFile", "CertificateFile ~/.ssh/c.pub", "IdentityFile2 ~/.ssh/old",
            "UserKnownHostsFile /dev/null", "UserKnownHostsFile none", "UserKnownHostsFile none ~/.ssh/k", "UserKnownHostsFile ~/a ~/b", "UserKnownHostsFile \"\"",
            "GlobalKnownHostsFile /etc/ssh/k1 /etc/ssh/k2", "ProxyCommand ssh -W %h:%p gw # kept", "ProxyJump gw", "ProxyJump u@gw:2200,other", "ProxyJump ssh://u@gw:2200",
            "ProxyJump ssh://gw/path", "ProxyJump @gw", "ProxyJump gw:notaport", "ProxyJump a,,b", "ProxyJump none",
            "Ciphers aes128-ctr,chacha20-poly1305@openssh.com", "Ciphers +aes128-cbc", "Ciphers -3des-cbc,nonsense", "Ciphers rot13", "Ciphers none",
            "MACs hmac-sha2-256", "MACs hmac-ripemd160", "KexAlgorithms curve25519-sha256", "KexAlgorithms mlkem768x25519-sha256", "KexAlgorithms ^sntrup761x25519-sha512",
            "HostKeyAlgorithms ssh-ed25519,rsa-sha2-512", "HostKeyAlgorithms ssh-ed25519*", "HostKeyAlgorithms ED25519", "HostKeyAlgorithms ssh-bogus", "PubkeyAcceptedKeyTypes +ssh-rsa",
            "LogLevel DEBUG3", "LogLevel loud", "SyslogFacility LOCAL7", "SyslogFacility KERN", "LogVerbose kex.c:*", "LogVerbose none x",
            "EscapeChar ~", "EscapeChar ^A", "EscapeChar none", "EscapeChar ab", "TunnelDevice any:any", "TunnelDevice 1:x", "Tunnel point-to-point", "Tunnel yes please",
            "IPQoS af21 cs1", "IPQoS 0x10", "IPQoS lowdelay foo", "IPQoS 256", "RekeyLimit 1G 1h", "RekeyLimit default none", "RekeyLimit 8", "RekeyLimit 1Z",
            "AddKeysToAgent confirm 5m", "AddKeysToAgent 1h", "AddKeysToAgent yes 5m", "AddKeysToAgent sometimes", "ControlPersist 10m", "ControlPersist Yes", "ControlPersist forever",
            "ControlMaster autoask", "ControlPath ~/.ssh/cm-%C", "LocalForward 8080 localhost:80", "LocalForward 8080", "LocalForward 0 localhost:80", "LocalForward /tmp/s /tmp/t",
            "RemoteForward 9000", "RemoteForward 9000 localhost:9000", "DynamicForward 1080", "DynamicForward a:b:c", "LocalForward [::1]:8080 [::1]:80",
            "SendEnv LANG LC_*", "SendEnv A=B", "SetEnv A=B C=D", "SetEnv NOEQUALS", "CanonicalDomains example.org ipsl.fr", "CanonicalDomains -bad.org",
            "CanonicalDomains a..b", "CanonicalizePermittedCNAMEs *.a.org:*.b.org", "CanonicalizePermittedCNAMEs nocolon", "CanonicalizeMaxDots 2",
            "StreamLocalBindMask 0177", "StreamLocalBindMask 9", "FingerprintHash sha256", "FingerprintHash crc32", "UpdateHostKeys ask", "UpdateHostKeys sometimes",
            "PermitRemoteOpen any", "PermitRemoteOpen host:80 other:*", "IdentityAgent SSH_AUTH_SOCK", "IdentityAgent ${NO_SUCH_VARIABLE_HERE}",
            "RequiredRSASize 2048", "EnableEscapeCommandline no", "SessionType subsystem", "SessionType shell", "PubkeyAuthentication host-bound",
            "VerifyHostKeyDNS ask", "GSSAPIAuthentication yes", "GSSAPIKeyExchange yes", "GSSAPIKexAlgorithms gss-group14-sha256-", "GSSAPIKexAlgorithms bogus",
            "UseKeychain yes", "lolwut yes", "lolwut", "Tag work", "ChannelTimeout session=5", "Protocol 2", "UseRoaming no", "RSAAuthentication yes", "KeepAlive yes",
            "Include", "Host", "Host \"\"", "Match", "Match all all", "Match host", "Match exec", "Match localnetwork 10.0.0.0/8", "Match tagged x", "Match # nothing",
            "Match host=a !user=b", "Match !all", "Match canonical all", "Match user", "IgnoreUnknown Foo*", "CanonicalizeHostname maybe",
            "HostKeyAlgorithms -*", "Ciphers !aes128-ctr", "PubkeyAcceptedAlgorithms RSA", "ConnectionAttempts 0", "ForkAfterAuthentication yes",
            "RemoteCommand echo %z", "ControlPath ~/.ssh/%q", "UserKnownHostsFile ~nosuchuser/k", "UserKnownHostsFile ${NO_SUCH_VARIABLE_HERE}/k", "ProxyJump target",
        };

        [RequiresToolsFact("ssh")]
        public void OwnVerdictEqualsSshOnEveryKindOfLine()
        {
            using var home = new TempDirectory();
            var environment = new Dictionary<string, string> { ["HOME"] = home.Path, ["PATH"] = home.File("none") };
            var (passwordHome, user) = SshGRun.PasswordEntry(environment);
            var options = new SshResolveOptions
            {
                Home = passwordHome, IncludeHome = home.Path, LocalUser = user,
                Environment = name => environment.TryGetValue(name, out string value) ? value : System.Environment.GetEnvironmentVariable(name),
            };
            var differences = new List<string>();
            int refused = 0;
            foreach (string line in Lines)
            {
                foreach (string section in new[] { "Host elsewhere\n", "Host target\n", "" })
                {
                    string config = home.File("config");
                    File.WriteAllText(config, section + "  " + line + "\n");
                    SshGRun ssh = SshGRun.Run(config, "target", environment);
                    SshConfigReading ours = SshConfigResolver.Read(SshConfigDocument.Load(config)!, "target", options);
                    refused += ssh.Accepted ? 0 : 1;
                    if (ssh.Accepted != ours.Accepted)
                    {
                        differences.Add($"[{section.Trim()}] {line}: ssh {(ssh.Accepted ? "accepts" : "refuses: " + ssh.Error.Trim().Replace("\n", " | "))}, EspriSsh {(ours.Accepted ? "accepts" : "refuses: " + ours.Refusal)}");
                    }
                    else if (!ssh.Accepted && ssh.FirstLocation is (string file, int number) && ours.Refusal?.Location?.Line != number)
                    {
                        differences.Add($"[{section.Trim()}] {line}: ssh names line {number}, EspriSsh {ours.Refusal}");
                    }
                }
            }

            Assert.True(differences.Count == 0, string.Join("\n", differences));
            Assert.True(refused > 100, $"only {refused} refusals: the table lost its bad lines");
        }
    }
}
