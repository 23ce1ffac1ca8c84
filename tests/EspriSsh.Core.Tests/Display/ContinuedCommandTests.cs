using System.Linq;
using EspriSsh.Core.Display;
using Xunit;

namespace EspriSsh.Core.Tests.Display
{
    public class ContinuedCommandTests
    {
        private const string Install = "Install-EspriKey -Path '/home/jdupont/.ssh/id_ed25519' -Destination '/home/jdupont/.ssh/id_ed25519' "
            + "-NewPassphrase (Read-Host -AsSecureString 'New passphrase') -Force";

        [Fact]
        public void ACommandThatFitsStaysOneLine()
        {
            Assert.Equal(new[] { "chmod 600 '/home/jdupont/.ssh/id_ed25519'" }, ContinuedCommand.Lines("chmod 600 '/home/jdupont/.ssh/id_ed25519'", 57));
        }

        [Fact]
        public void AWideCommandIsBrokenBetweenWordsEveryLineButTheLastContinued()
        {
            var lines = ContinuedCommand.Lines(Install, 57);

            Assert.Equal(new[]
            {
                "Install-EspriKey -Path '/home/jdupont/.ssh/id_ed25519' `",
                "-Destination '/home/jdupont/.ssh/id_ed25519' `",
                "-NewPassphrase `",
                "(Read-Host -AsSecureString 'New passphrase') -Force",
            }, lines);
            Assert.All(lines, line => Assert.True(line.Length <= 57, line));
        }

        [Fact]
        public void QuotesAndParenthesesAreNeverBrokenEvenWhenWiderThanTheRoom()
        {
            const string command = "Repair-EspriKeyPermission -Path 'C:\\Users\\Jean Dupont\\My Keys\\a very long folder name\\id_ed25519' -Verbose";

            var lines = ContinuedCommand.Lines(command, 40);

            Assert.Contains("'C:\\Users\\Jean Dupont\\My Keys\\a very long folder name\\id_ed25519' `", lines);
            Assert.Equal(command, string.Join(" ", lines.Select(l => l.EndsWith(" `") ? l.Substring(0, l.Length - 2) : l)));
        }
    }
}
