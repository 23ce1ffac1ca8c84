using System;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Site;

namespace EspriSsh
{
    /// <summary>
    /// What every EspriSsh cmdlet shares: the core's interaction seam (prompts, confirmations,
    /// warnings, progress, Ctrl+C), engine exceptions turned into ErrorRecords (one place), output
    /// tagged with its EspriSsh.* type name, and the ssh directory.
    /// </summary>
    public abstract class EspriCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private CmdletInteraction? interaction;
        private SiteProfile? site;

        /// <summary>Everything a core workflow asks of the user goes through this.</summary>
        protected IUserInteraction Interaction => interaction ??= new CmdletInteraction(this);

        /// <summary>
        /// The site profile this command goes by, looked up once and handed to the engine. A profile
        /// from a file (ESPRISSH_SITE_PROFILE) is named in a warning: its hosts, key policy and host
        /// keys are what the command trusts.
        /// </summary>
        protected SiteProfile Site
        {
            get
            {
                if (site == null)
                {
                    site = SiteProfileLoader.FromEnvironment();
                    if (!site.IsBuiltIn)
                    {
                        WriteWarning($"This command uses the site profile '{site.Source}' ({SiteProfileLoader.EnvironmentVariable}), not the built-in ESPRI one: the hosts, key policy and host keys it trusts come from that file.");
                    }
                }

                return site;
            }
        }

        /// <summary>Cancelled by Ctrl+C (StopProcessing).</summary>
        internal CancellationToken Cancellation => cancellation.Token;

        /// <summary>The ssh directory to use: -SshDirectory when the cmdlet has it, else ~/.ssh.</summary>
        protected string ResolveSshDirectory(string? explicitDirectory) => SshDirectory.Resolve(
            explicitDirectory == null ? null : GetUnresolvedProviderPathFromPSPath(explicitDirectory));

        /// <summary>The PowerShell location (Set-Location), where reports go by default.</summary>
        protected string CurrentFolder => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

        /// <summary>A user-supplied path (relative to the PowerShell location, ~ expanded) as a full file-system path.</summary>
        protected string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Writes a result under its EspriSsh.* type name (format views select on it); null writes nothing.</summary>
        protected void WriteTyped(object? value, string typeName)
        {
            if (value == null)
            {
                return;
            }

            var wrapped = PSObject.AsPSObject(value);
            wrapped.TypeNames.Insert(0, typeName);
            WriteObject(wrapped);
        }

        /// <summary>
        /// Runs engine work; an EspriException becomes a non-terminating error with its ErrorId, any
        /// other exception (a bug) one with ErrorId UnexpectedError, never a bare .NET type name.
        /// PowerShell's own flow (a terminating error, Stop preference, Ctrl+C) passes through.
        /// </summary>
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
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell is stopping the pipeline; nothing to report.
            }
            catch (Exception ex) when (!(ex is RuntimeException) && !(ex is HaltCommandException))
            {
                WriteError(ToErrorRecord(EspriException.Unexpected(ex)));
            }

            return false;
        }

        /// <summary>
        /// The ErrorRecord of an engine failure. Its message may quote a file's text or name: what
        /// PowerShell shows (the message, the target in the category line) is escaped, the exception
        /// and the target object stay as they were for scripts.
        /// </summary>
        protected static ErrorRecord ToErrorRecord(EspriException ex)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, ErrorCategories.ToPowerShell(ex.Category), ex.Target);
            string shown = UntrustedText.EscapeKeepingLines(ex.Message);
            if (shown != ex.Message)
            {
                record.ErrorDetails = new ErrorDetails(shown);
            }

            record.CategoryInfo.TargetName = UntrustedText.Escape(record.CategoryInfo.TargetName);
            return record;
        }

        /// <summary>A warning, escaped: it may quote a file name or a file's text (hides Cmdlet.WriteWarning for every EspriSsh command).</summary>
        public new void WriteWarning(string text) => base.WriteWarning(UntrustedText.EscapeKeepingLines(text));

        /// <summary>A verbose message, escaped as <see cref="WriteWarning"/>.</summary>
        public new void WriteVerbose(string text) => base.WriteVerbose(UntrustedText.EscapeKeepingLines(text));

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose() => cancellation.Dispose();

        /// <summary>
        /// True when nobody can answer a prompt: -NonInteractive, redirected input, a non-interactive
        /// host or ESPRISSH_NONINTERACTIVE set (Intune/GPO). Prompts must never hang a script.
        /// </summary>
        internal bool IsNonInteractive
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

        /// <summary>-WhatIf given, or $WhatIfPreference on.</summary>
        internal bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
            ? LanguagePrimitives.IsTrue(value)
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        /// <summary>A SecureString as the UTF-8 bytes ssh-keygen and PuTTY feed their KDFs; null stays null.</summary>
        internal static Secret? ToSecret(SecureString? secret)
        {
            if (secret == null)
            {
                return null;
            }

            IntPtr ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
            char[] chars = new char[secret.Length];
            try
            {
                Marshal.Copy(ptr, chars, 0, chars.Length);
                return new Secret(Encoding.UTF8.GetBytes(chars));
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
