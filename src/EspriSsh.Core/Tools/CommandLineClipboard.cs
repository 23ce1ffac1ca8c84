using System;
using System.Collections.Generic;
using System.Text;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// The clipboard of a Linux desktop: wl-copy under Wayland, xclip under X11, each only when its
    /// display is there (a console or ssh session has no clipboard to copy to). Both stay in the
    /// background to serve the line until something else is copied.
    /// </summary>
    public sealed class CommandLineClipboard : IClipboard
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        private readonly IToolEnvironment environment;

        public CommandLineClipboard(IToolEnvironment? environment = null) =>
            this.environment = environment ?? SystemToolEnvironment.Instance;

        public ClipboardCopy Copy(string text)
        {
            bool wayland = !string.IsNullOrEmpty(environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
            bool x11 = !string.IsNullOrEmpty(environment.GetEnvironmentVariable("DISPLAY"));
            if (!wayland && !x11)
            {
                return ClipboardCopy.NotCopied("this session has no graphical display (neither WAYLAND_DISPLAY nor DISPLAY is set), so there is no clipboard");
            }

            var locator = new SshToolLocator(environment);
            SshToolLocation? tool = wayland ? locator.Find("wl-copy") : null;
            string[] arguments = new string[0];
            string display = "WAYLAND_DISPLAY";
            if (tool == null && x11)
            {
                tool = locator.Find("xclip");
                arguments = new[] { "-selection", "clipboard" };
                display = "DISPLAY";
            }

            if (tool == null)
            {
                return ClipboardCopy.NotCopied(wayland
                    ? "wl-copy is not installed (package wl-clipboard)"
                    : "xclip is not installed (package xclip)");
            }

            // The tool reaches the display the choice was made on (the environment given may not be this process's).
            var variables = new Dictionary<string, string?> { [display] = environment.GetEnvironmentVariable(display) };
            CommandResult result = ExternalCommand.Run(tool.Path, arguments, Timeout, variables, Encoding.UTF8.GetBytes(text), leavesBackgroundChild: true);
            return result.ExitCode == 0
                ? ClipboardCopy.With(tool.Name)
                : ClipboardCopy.NotCopied($"{tool.Name} failed: {result.Failure ?? FirstLine(result.StandardError) ?? "exit code " + result.ExitCode}");
        }

        private static string? FirstLine(string text)
        {
            string line = text.Trim().Split('\n')[0].Trim();
            return line.Length == 0 ? null : line;
        }
    }
}
