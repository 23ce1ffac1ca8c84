using System.Linq;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Tests.Platform
{
    public class WindowsAclRulesTests
    {
        private const string User = "S-1-5-21-1-2-3-1001";
        private const string Everyone = "S-1-1-0";
        private const string Users = "S-1-5-32-545";

        [Fact]
        public void TheRulesWeWriteAreTheUserSystemAndAdministratorsAndPassOurOwnCheck()
        {
            var written = WindowsAclRules.OwnerOnlySids(User);
            Assert.Equal(new[] { User, "S-1-5-18", "S-1-5-32-544" }, written);
            Assert.True(WindowsAclRules.Evaluate(@"C:\u\.ssh\id_ed25519", User, User, written.Select(sid => new AclEntry(sid, true))).IsOwnerOnly);
        }

        [Fact]
        public void OwnerSystemAndAdministratorsOnlyIsAccepted()
        {
            var verdict = WindowsAclRules.Evaluate(@"C:\u\.ssh\id_ed25519", User, User, new[]
            {
                new AclEntry(User, true), new AclEntry(WindowsAclRules.SystemSid, true), new AclEntry(WindowsAclRules.AdministratorsSid, true),
            });
            Assert.True(verdict.IsOwnerOnly);
            Assert.Null(verdict.Problem);
        }

        [Theory]
        [InlineData(Everyone)]
        [InlineData(Users)]
        public void AnyOtherReaderIsRefusedWithTheFix(string other)
        {
            var verdict = WindowsAclRules.Evaluate(@"C:\u\.ssh\id_ed25519", User, User, new[] { new AclEntry(User, true), new AclEntry(other, true) });
            Assert.False(verdict.IsOwnerOnly);
            Assert.Contains(other, verdict.Problem);
            Assert.Contains("/inheritance:r", verdict.Problem);
        }

        [Fact]
        public void AnotherOwnerIsRefused()
        {
            var verdict = WindowsAclRules.Evaluate(@"C:\k", "S-1-5-21-9-9-9-500", User, new[] { new AclEntry(User, true) });
            Assert.False(verdict.IsOwnerOnly);
            Assert.Contains("not by you", verdict.Problem);
        }

        [Fact]
        public void AWriteOnlyEntryForOthersDoesNotExposeTheKey()
        {
            var verdict = WindowsAclRules.Evaluate(@"C:\k", User, User, new[] { new AclEntry(User, true), new AclEntry(Users, false) });
            Assert.True(verdict.IsOwnerOnly);
        }
    }
}
