using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Tools
{
    /// <summary>The Linux clipboard tools: the real xclip on a virtual X display, and shell scripts that keep what they are given.</summary>
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

        // What another program pastes. xclip's background child takes the selection just after its parent
        // has exited (a person pastes later): a paste at once may find no owner yet, so it is tried again.
        private static string Paste(string display)
        {
            string pasted = "";
            for (int attempt = 0; attempt < 50 && pasted.Length == 0; attempt++)
            {
                Thread.Sleep(attempt == 0 ? 0 : 100);
                pasted = ExternalCommand.Run("xclip", new[] { "-o", "-selection", "clipboard" }, TimeSpan.FromSeconds(10),
                    new Dictionary<string, string> { ["DISPLAY"] = display }).StandardOutput.TrimEnd('\n');
            }

            return pasted;
        }

        [UnixFact("xclip", "Xvfb")]
        public void RealXclipOnAVirtualDisplayHoldsTheLineForOtherPrograms()
        {
            // Xvfb picks a free display and writes its number once it accepts clients (-displayfd).
            var psi = new ProcessStartInfo("Xvfb", "-displayfd 1 -nolisten tcp") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using Process xvfb = Process.Start(psi);
            try
            {
                string display = ":" + xvfb.StandardOutput.ReadLine()?.Trim();
                var env = new FakeToolEnvironment { ["PATH"] = Environment.GetEnvironmentVariable("PATH"), ["DISPLAY"] = display };

                ClipboardCopy copy = new CommandLineClipboard(env).Copy(Line);

                Assert.True(copy.Copied, copy.Description);
                Assert.Equal("xclip", copy.Description);
                Assert.Equal(Line, Paste(display));
            }
            finally
            {
                xvfb.Kill(); // xclip, which keeps the selection, ends with its display
                xvfb.WaitForExit();
            }
        }
    }
}
