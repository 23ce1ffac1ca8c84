using System.Management.Automation;
using System.Management.Automation.Runspaces;
using EspriSsh.Core.Tools;

namespace EspriSsh
{
    /// <summary>
    /// The clipboard through PowerShell's own Set-Clipboard: what Windows and macOS users have (Windows
    /// PowerShell 5.1 and pwsh alike). Linux desktops go through wl-copy/xclip in the core instead.
    /// </summary>
    internal sealed class PowerShellClipboard : IClipboard
    {
        private readonly PSCmdlet cmdlet;

        public PowerShellClipboard(PSCmdlet cmdlet) => this.cmdlet = cmdlet;

        /// <summary>Set-Clipboard where PowerShell has it, else the Linux tools.</summary>
        public static IClipboard For(PSCmdlet cmdlet) =>
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux)
                ? new CommandLineClipboard()
                : new PowerShellClipboard(cmdlet);

        public ClipboardCopy Copy(string text)
        {
            try
            {
                cmdlet.InvokeCommand.InvokeScript("param($line) Set-Clipboard -Value $line -ErrorAction Stop", false,
                    PipelineResultTypes.None, null, text);
                return ClipboardCopy.With("Set-Clipboard");
            }
            catch (RuntimeException ex)
            {
                return ClipboardCopy.NotCopied($"Set-Clipboard failed ({ex.Message})");
            }
        }
    }
}
