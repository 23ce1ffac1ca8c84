using System;
using System.IO;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Tools
{
    public class ExternalCommandTests
    {
        [Fact]
        public void AMissingProgramIsAResultNotAnException()
        {
            CommandResult result = ExternalCommand.Run("/nonexistent/espri-no-such-tool", new[] { "-V" }, TimeSpan.FromSeconds(5));
            Assert.True(result.NotFound);
            Assert.Null(result.ExitCode);
            Assert.False(result.Succeeded);
            Assert.Contains("espri-no-such-tool", result.Failure);
        }

        [Fact]
        public void ArgumentsWithSpacesQuotesAndBackslashesArriveIntact()
        {
            if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/printf"))
            {
                return;
            }

            string[] args = { "%s|\n", "a b", "c\"d", "e\\", "f\\\"g", "" };
            CommandResult result = ExternalCommand.Run("/usr/bin/printf", args, TimeSpan.FromSeconds(10));
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("a b|\nc\"d|\ne\\|\nf\\\"g|\n|\n", result.StandardOutput);
        }

        [Fact]
        public void StdoutStderrAndExitCodeAreCapturedSeparately()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            CommandResult result = ExternalCommand.Run("/bin/sh", new[] { "-c", "echo out; echo err >&2; exit 3" }, TimeSpan.FromSeconds(10));
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("out\n", result.StandardOutput);
            Assert.Equal("err\n", result.StandardError);
            Assert.False(result.TimedOut);
        }

        [Fact]
        public void ALateProgramAndTheChildHoldingItsOutputAreStopped()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // The background sleep inherits stdout: a naive ReadToEnd would wait 60 s for it.
            CommandResult result = ExternalCommand.Run("/bin/sh", new[] { "-c", "echo started; sleep 60 & sleep 60" }, TimeSpan.FromMilliseconds(500));
            Assert.True(result.TimedOut);
            Assert.Null(result.ExitCode);
            Assert.Contains("started", result.StandardOutput);
            Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), "the runner must not wait for the process: " + result.Elapsed);
        }

        [Fact]
        public void GivenInputIsWrittenThenClosed()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            CommandResult result = ExternalCommand.Run("/bin/cat", Array.Empty<string>(), TimeSpan.FromSeconds(20), standardInput: new byte[] { 0x68, 0x69, 0x0a });
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("hi\n", result.StandardOutput);
        }

        [Fact]
        public void NothingCanWaitForInput()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // cat reads stdin until end of file: stdin is closed, so it ends at once.
            CommandResult result = ExternalCommand.Run("/bin/cat", Array.Empty<string>(), TimeSpan.FromSeconds(20));
            Assert.False(result.TimedOut);
            Assert.Equal(0, result.ExitCode);
        }
    }
}
