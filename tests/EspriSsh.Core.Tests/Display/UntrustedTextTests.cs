using System.Linq;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Tests.Display
{
    public class UntrustedTextTests
    {
        [Theory]
        [InlineData("me@laptop", "me@laptop")]
        [InlineData("clear\u001b[2J\u001b[H", "clear\\x1b[2J\\x1b[H")]
        [InlineData("title\u001b]0;pwned\u0007", "title\\x1b]0;pwned\\x07")]
        [InlineData("a\r\nforged line", "a\\r\\nforged line")]
        [InlineData("tab\there", "tab\\there")]
        [InlineData("csi\u009b2J del\u007f", "csi\\x9b2J del\\x7f")]
        [InlineData("evil\u202etxt.exe", "evil\\u202etxt.exe")]
        [InlineData("\u2066isolate\u2069 \u200e\u200f\u061c", "\\u2066isolate\\u2069 \\u200e\\u200f\\u061c")]
        [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
        [InlineData("nul\0", "nul\\x00")]
        [InlineData("café ünïcödé 日本 😀", "café ünïcödé 日本 😀")]
        [InlineData("C:\\Users\\me\\.ssh", "C:\\Users\\me\\.ssh")]
        public void EscapesWhatDrivesATerminalAndKeepsTheRest(string text, string shown)
        {
            Assert.Equal(shown, UntrustedText.Escape(text));
            Assert.Equal(text == shown, UntrustedText.IsSafe(text));
        }

        [Fact]
        public void ALoneSurrogateIsEscapedAPairIsKept()
        {
            Assert.Equal("a\\ud800b", UntrustedText.Escape("a\ud800b"));
            Assert.Equal("a\\udc00", UntrustedText.Escape("a\udc00"));
            Assert.Equal("\ud83d\ude00", UntrustedText.Escape("\ud83d\ude00"));
        }

        [Fact]
        public void AComposedTextKeepsItsLineFeedsAndTabsOnly()
        {
            Assert.Equal("first\nsecond\tcolumn\\x1b[2J\nthird\\r", UntrustedText.EscapeKeepingLines("first\r\nsecond\tcolumn\u001b[2J\nthird\r"));
        }

        [Fact]
        public void AQuotedNameIsOneEscapedLine()
        {
            Assert.Equal("'/home/o'brien/id\\n2. [ERROR]\\x1b[2J'", UntrustedText.Quoted("/home/o'brien/id\n2. [ERROR]\u001b[2J"));
        }

        [Theory]
        [InlineData("/home/me/.ssh/id_ed25519", "'/home/me/.ssh/id_ed25519'")]
        [InlineData("/home/o'brien/k", "'/home/o''brien/k'")]
        // PowerShell ends a single-quoted string at a typographic quote too: each is doubled.
        [InlineData("k\u2019; Remove-Item ~; \u2018", "'k\u2019\u2019; Remove-Item ~; \u2018\u2018'")]
        [InlineData("a\u201ab\u201bc", "'a\u201a\u201ab\u201b\u201bc'")]
        [InlineData("id\n    rm -rf ~", "'id\\n    rm -rf ~'")]
        public void AnArgumentCannotEndItsQuotesOrItsLine(string path, string argument)
        {
            Assert.Equal(argument, UntrustedText.QuotedArgument(path));
        }

        [Fact]
        public void NullIsEmptyAndSafe()
        {
            Assert.Equal("", UntrustedText.Escape(null));
            Assert.True(UntrustedText.IsSafe(null));
        }

        [Fact]
        public void NoUnsafeCharacterSurvivesEscaping()
        {
            string every = new string(Enumerable.Range(0, 0x3000).Select(i => (char)i).ToArray());
            string shown = UntrustedText.Escape(every);
            Assert.True(UntrustedText.IsSafe(shown));
            Assert.DoesNotContain(shown, c => c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029);
        }

        [Fact]
        public void UnsafeCharactersNamesEachOnce()
        {
            Assert.Equal("\\x1b, \\x07, \\u202e", UntrustedText.UnsafeCharacters("\u001b]0;x\u0007\u001b[2J\u202e"));
            Assert.Equal("", UntrustedText.UnsafeCharacters("plain"));
        }

        [Fact]
        public void AListShowsTheFirstFewAndCountsTheRest()
        {
            var many = Enumerable.Range(1, 10000).Select(i => "f" + i);
            Assert.Equal("f1, f2, f3, (and 9997 more)", ShortList.Join(", ", many, 3));
            Assert.Equal("f1, f2", ShortList.Join(", ", many.Take(2), 3));
            Assert.Equal("f1, f2, f3", ShortList.Join(", ", many.Take(3), 3));
            Assert.Equal(new[] { "f1", "(and 9999 more)" }, ShortList.Take(many, 1));
        }
    }
}
