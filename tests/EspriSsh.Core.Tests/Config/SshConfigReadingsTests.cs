using EspriSsh.Core.Config;
using Xunit;

namespace EspriSsh.Core.Tests.Config
{
    public class SshConfigReadingsTests
    {
        private const string Text = "Host spirit1\n    HostName spirit1.ipsl.fr\n    User alice\nHost *\n    User bob\n";

        [Fact]
        public void TheSameDocumentReadForTheSameHostIsReadOnce()
        {
            var readings = new SshConfigReadings(new SshResolveOptions());
            SshConfigDocument document = SshConfigDocument.Parse(Text);

            SshConfigReading first = readings.Read(document, "spirit1");

            Assert.Same(first, readings.Read(document, "spirit1"));
            Assert.Equal("alice", first.Settings!.User);
        }

        [Fact]
        public void AnotherHostOrAnotherDocumentIsReadAnew()
        {
            var readings = new SshConfigReadings(new SshResolveOptions());
            SshConfigDocument document = SshConfigDocument.Parse(Text);
            SshConfigReading spirit1 = readings.Read(document, "spirit1");

            SshConfigReading other = readings.Read(document, "other");
            // An edit makes a new document, even with the same text: it is read for itself.
            SshConfigReading edited = readings.Read(SshConfigDocument.Parse(Text.Replace("alice", "carol")), "spirit1");

            Assert.Equal("bob", other.Settings!.User);
            Assert.Equal("carol", edited.Settings!.User);
            Assert.NotSame(spirit1, edited);
        }
    }
}
