using System;
using System.IO;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Interaction;

namespace EspriSsh.Core.Tests.Connection
{
    /// <summary>Through a jump host each hop may want another key: the passphrase question says which login asks.</summary>
    public sealed class HopPassphraseQuestionTests
    {
        [RequiresToolsFact("sshd", "ssh-keygen")]
        public void EachHopsPassphraseQuestionNamesItsHost()
        {
            using var dir = new TempDirectory();
            string jumpKey = dir.File("jump_key"), targetKey = dir.File("target_key");
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-a", "2", "-N", "jump pass", "-f", jumpKey);
            ExternalTool.Check("ssh-keygen", "-q", "-t", "ed25519", "-a", "2", "-N", "target pass", "-f", targetKey);
            using var jump = new TestSshd(new[] { File.ReadAllText(jumpKey + ".pub") });
            using var target = new TestSshd(new[] { File.ReadAllText(targetKey + ".pub") });
            File.WriteAllLines(dir.File("known_hosts"), new[] { jump.KnownHostsLine, target.KnownHostsLine });
            var plan = new ConnectionPlan(new HopPlan("jean-zay", "127.0.0.1", target.Port, TestSshd.User, new[] { targetKey }, true), dir.File("known_hosts"), dir.Path)
            {
                Jumps = new[] { new HopPlan("spirit1", "127.0.0.1", jump.Port, TestSshd.User, new[] { jumpKey }, true) },
                Timeout = TimeSpan.FromSeconds(20),
            };
            var ui = new ScriptedInteraction().AnswerSecrets("jump pass", "target pass");

            ConnectionTestResult result = new ConnectionTester((path, passphrase) => PrivateKeyFileReader.ReadFile(path, passphrase).Key, SiteProfileLoader.Default, null, ui).Run(plan);

            Assert.True(result.Succeeded, string.Join("\n", result.Stages));
            Assert.Equal(new[]
            {
                $"Passphrase of '{jumpKey}' for spirit1 (empty to skip this key)",
                $"Passphrase of '{targetKey}' for jean-zay (empty to skip this key)",
            }, ui.Asked);
        }
    }
}
