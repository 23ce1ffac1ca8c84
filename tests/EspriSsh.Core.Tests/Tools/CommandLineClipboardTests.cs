using System.IO;
using System.Text;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Tools
{
    /// <summary>The Linux clipboard tools, played by shell scripts that keep what they are given.</summary>
    public sealed class CommandLineClipboardTests
    {
        private const string Line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOvcZcO8mDxfBBQ6nVxDkIQ7sBhs9e3ySmNz2hVP9r0Q jdupont@laptop";

        [Fact]
        public void WithoutADisplayThereIsNoClipboardAndItSaysSo()
        {
            ClipboardCopy copy = new CommandLineClipboard(new FakeToolEnvironment { ["PATH"] = "/usr/bin" }).Copy(Line);

            Assert.False(copy.Copied);
            Assert.Contains("no graphical display", copy.Description);
        }

        [Fact]
        public void AMissingToolIsNamedWithItsPackage()
        {
            using var empty = new TempDirectory();
            var env = new FakeToolEnvironment { ["PATH"] = empty.Path, ["WAYLAND_DISPLAY"] = "wayland-0" };

            ClipboardCopy copy = new CommandLineClipboard(env).Copy(Line);

            Assert.False(copy.Copied);
            Assert.Contains("wl-clipboard", copy.Description);
        }

        [UnixTheory("sh")]
        [InlineData("WAYLAND_DISPLAY", "wl-copy", "")]
        [InlineData("DISPLAY", "xclip", "-selection clipboard")]
        public void TheDisplaysToolGetsTheLineOnItsInput(string display, string tool, string arguments)
        {
            using var bin = new TempDirectory();
            string received = bin.File("received");
            File.WriteAllText(bin.File(tool), $"#!/bin/sh\necho \"$*\" > '{received}.args'\ncat > '{received}'\n");
            UnixModes.Set(bin.File(tool), UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var env = new FakeToolEnvironment { ["PATH"] = bin.Path, [display] = ":0" };

            ClipboardCopy copy = new CommandLineClipboard(env).Copy(Line);

            Assert.True(copy.Copied, copy.Description);
            Assert.Equal(tool, copy.Description);
            Assert.Equal(Line, File.ReadAllText(received, Encoding.UTF8));
            Assert.Equal(arguments, File.ReadAllText(received + ".args").Trim());
        }
    }
}
