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

        [UnixFact(NotOnMono = MonoLimits.ArgumentSplitting)]
        public void ArgumentsWithSpacesQuotesAndBackslashesArriveIntact()
        {
            string[] args = { "%s|\n", "a b", "c\"d", "e\\", "f\\\"g", "" };
            CommandResult result = ExternalCommand.Run("/usr/bin/printf", args, TimeSpan.FromSeconds(10));
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("a b|\nc\"d|\ne\\|\nf\\\"g|\n|\n", result.StandardOutput);
        }

        [UnixFact]
        public void StdoutStderrAndExitCodeAreCapturedSeparately()
        {
            CommandResult result = ExternalCommand.Run("/bin/sh", new[] { "-c", "echo out; echo err >&2; exit 3" }, TimeSpan.FromSeconds(10));
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("out\n", result.StandardOutput);
            Assert.Equal("err\n", result.StandardError);
            Assert.False(result.TimedOut);
        }

        [UnixFact("sleep")]
        public void ALateProgramIsStoppedAndAChildHoldingItsOutputDoesNotHoldTheRunner()
        {
            // The background child inherits stdout: a runner that read to the end would wait for it
            // and capture "late". 5 s leaves a loaded machine time to print "started"; 60 s is far beyond.
            CommandResult result = ExternalCommand.Run("/bin/sh", new[] { "-c", "echo started; (sleep 60; echo late) & sleep 60" }, TimeSpan.FromSeconds(5));
            Assert.True(result.TimedOut);
            Assert.Null(result.ExitCode);
            Assert.Contains("started", result.StandardOutput);
            Assert.DoesNotContain("late", result.StandardOutput);
        }

        [UnixFact]
        public void GivenInputIsWrittenThenClosed()
        {
            CommandResult result = ExternalCommand.Run("/bin/cat", Array.Empty<string>(), TimeSpan.FromSeconds(20), standardInput: new byte[] { 0x68, 0x69, 0x0a });
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("hi\n", result.StandardOutput);
        }

        [UnixFact]
        public void NothingCanWaitForInput()
        {
            // cat reads stdin until end of file: stdin is closed, so it ends at once.
            CommandResult result = ExternalCommand.Run("/bin/cat", Array.Empty<string>(), TimeSpan.FromSeconds(20));
            Assert.False(result.TimedOut);
            Assert.Equal(0, result.ExitCode);
        }
    }
}
