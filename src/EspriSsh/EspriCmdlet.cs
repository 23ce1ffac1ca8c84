using System;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;

namespace EspriSsh
{
    /// <summary>
    /// What every EspriSsh cmdlet shares: turning engine exceptions into ErrorRecords (one place),
    /// tagging output with its EspriSsh.* type name, the ssh directory, and safe prompting.
    /// </summary>
    public abstract class EspriCmdlet : PSCmdlet
    {
        /// <summary>The ssh directory to use: -SshDirectory when the cmdlet has it, else ~/.ssh.</summary>
        protected string ResolveSshDirectory(string? explicitDirectory) => SshDirectory.Resolve(
            explicitDirectory == null ? null : GetUnresolvedProviderPathFromPSPath(explicitDirectory));

        /// <summary>A user-supplied path (relative to the PowerShell location, ~ expanded) as a full file-system path.</summary>
        protected string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

        protected void WriteTyped(object value, string typeName)
        {
            var wrapped = PSObject.AsPSObject(value);
            wrapped.TypeNames.Insert(0, typeName);
            WriteObject(wrapped);
        }

        /// <summary>A line for the person at the terminal (what Write-Host does: information stream, tag PSHOST).</summary>
        protected void Inform(string message) => WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST" });

        /// <summary>Runs engine work and reports an EspriException as a non-terminating error.</summary>
        protected bool TryRun(Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (EspriException ex)
            {
                WriteError(ToErrorRecord(ex));
                return false;
            }
        }

        protected void ThrowTerminating(EspriException ex) => ThrowTerminatingError(ToErrorRecord(ex));

        protected static ErrorRecord ToErrorRecord(EspriException ex)
        {
            ErrorCategory category = Enum.TryParse(ex.Category.ToString(), out ErrorCategory parsed) ? parsed : ErrorCategory.NotSpecified;
            var record = new ErrorRecord(ex, ex.ErrorId, category, ex.Target);
            return record;
        }

        /// <summary>
        /// True when nobody can answer a prompt: -NonInteractive, redirected input, a non-interactive
        /// host or ESPRISSH_NONINTERACTIVE set (Intune/GPO). Prompts must never hang a script.
        /// </summary>
        protected bool IsNonInteractive
        {
            get
            {
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ESPRISSH_NONINTERACTIVE")) || !Environment.UserInteractive)
                {
                    return true;
                }

                bool nonInteractiveFlag = Environment.GetCommandLineArgs().Skip(1).Any(a =>
                    a.Length >= 5 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal) && a.ToLowerInvariant().StartsWith("-noni", StringComparison.Ordinal));
                if (nonInteractiveFlag)
                {
                    return true;
                }

                try
                {
                    if (Console.IsInputRedirected)
                    {
                        return true;
                    }
                }
                catch (InvalidOperationException)
                {
                    return true;
                }

                return Host?.UI?.RawUI == null;
            }
        }

        /// <summary>
        /// Asks for a secret with masked input; with <paramref name="confirm"/>, twice until both match.
        /// Throws PassphraseRequired when no one can answer.
        /// </summary>
        protected SecureString PromptForSecret(string prompt, bool confirm, string whatToPass, object? target)
        {
            if (IsNonInteractive)
            {
                ThrowTerminating(new EspriException(ErrorIds.PassphraseRequired, EspriErrorCategory.InvalidOperation,
                    $"A passphrase is needed and this session cannot ask for one (non-interactive). {whatToPass}", target));
            }

            while (true)
            {
                Host.UI.Write(prompt + ": ");
                SecureString first = Host.UI.ReadLineAsSecureString();
                if (!confirm)
                {
                    return first;
                }

                Host.UI.Write("Enter the same passphrase again: ");
                SecureString second = Host.UI.ReadLineAsSecureString();
                if (SecureEquals(first, second))
                {
                    return first;
                }

                Host.UI.WriteWarningLine("The two passphrases differ. Try again.");
            }
        }

        /// <summary>The UTF-8 bytes of a SecureString (what ssh-keygen and PuTTY feed their KDFs). The caller clears them.</summary>
        protected static byte[] ToUtf8(SecureString secret)
        {
            IntPtr ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                char[] chars = new char[secret.Length];
                Marshal.Copy(ptr, chars, 0, chars.Length);
                byte[] bytes = Encoding.UTF8.GetBytes(chars);
                Array.Clear(chars, 0, chars.Length);
                return bytes;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        private static bool SecureEquals(SecureString a, SecureString b)
        {
            byte[] x = ToUtf8(a), y = ToUtf8(b);
            try
            {
                return x.SequenceEqual(y);
            }
            finally
            {
                Array.Clear(x, 0, x.Length);
                Array.Clear(y, 0, y.Length);
            }
        }
    }
}
