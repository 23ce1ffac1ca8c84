using EspriSsh.Core.Keys;
using Xunit;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// Issue 24 item 9: the commands a key problem ends with become lines of their own, whole, for the
    /// views and the report. The problems are written as the inventory and the file protections word them.
    /// </summary>
    public sealed class KeyProblemTextTests
    {
        [Fact]
        public void RightsTooOpenOnUnixGiveChmodThenTheCmdletAsAnAlternative()
        {
            const string problem = "mode 0644 lets other users read it; OpenSSH ignores such a private key (\"UNPROTECTED PRIVATE KEY FILE\"). " +
                "Fix: chmod 600 '/home/u/.ssh/id_ed25519' (or: Repair-EspriKeyPermission -Path '/home/u/.ssh/id_ed25519')";

            Assert.Equal(new[] { "chmod 600 '/home/u/.ssh/id_ed25519'", "Repair-EspriKeyPermission -Path '/home/u/.ssh/id_ed25519'" }, KeyProblemText.Commands(problem));
            Assert.Equal("mode 0644 lets other users read it; OpenSSH ignores such a private key (\"UNPROTECTED PRIVATE KEY FILE\"). Fix:\n" +
                "    chmod 600 '/home/u/.ssh/id_ed25519'\nor:\n    Repair-EspriKeyPermission -Path '/home/u/.ssh/id_ed25519'", KeyProblemText.WithCommandLines(problem));
        }

        [Fact]
        public void AWindowsPathWithParenthesesKeepsThemAndOnlyTheClosingOfOrIsTakenOff()
        {
            const string problem = "other accounts (Everyone) can read it; Win32-OpenSSH ignores such a private key. " +
                "Fix: Repair-EspriKeyPermission -Path 'C:\\Users\\me\\copy (1)\\id_ed25519'  (or: icacls \"C:\\Users\\me\\copy (1)\\id_ed25519\" /inheritance:r /grant:r \"%USERNAME%:F\")";

            Assert.Equal(new[]
            {
                "Repair-EspriKeyPermission -Path 'C:\\Users\\me\\copy (1)\\id_ed25519'",
                "icacls \"C:\\Users\\me\\copy (1)\\id_ed25519\" /inheritance:r /grant:r \"%USERNAME%:F\"",
            }, KeyProblemText.Commands(problem));
            Assert.Equal("other accounts (Everyone) can read it; Win32-OpenSSH ignores such a private key. Fix", KeyProblemText.Words(problem));
        }

        [Fact]
        public void AProblemWithOneCommandAndOneWithoutAny()
        {
            const string noPassphrase = "It has no passphrase: anyone who copies the file can use your account, and the site requires one. " +
                "Add one (the unprotected file is kept as .bak): Install-EspriKey -Path '/k' -Destination '/k' -NewPassphrase (Read-Host -AsSecureString 'New passphrase') -Force";
            const string plain = "Its comment holds control or text-direction characters (ESC), shown escaped: give the key a plain comment.";

            Assert.Equal(new[] { "Install-EspriKey -Path '/k' -Destination '/k' -NewPassphrase (Read-Host -AsSecureString 'New passphrase') -Force" }, KeyProblemText.Commands(noPassphrase));
            Assert.Equal("It has no passphrase: anyone who copies the file can use your account, and the site requires one. Add one (the unprotected file is kept as .bak)",
                KeyProblemText.Words(noPassphrase));
            Assert.Empty(KeyProblemText.Commands(plain));
            Assert.Equal(plain, KeyProblemText.WithCommandLines(plain));
        }
    }
}
