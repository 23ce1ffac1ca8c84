using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The PublicLine step: the one line the IT team needs, copied to the clipboard when there is
    /// one and someone at the keyboard, and where it goes (the account form, with its address when
    /// the site profile has one). The result carries the line itself; its view prints it whole.
    /// "The same line as before" only for the key an earlier run chose (the ssh config names it).
    /// </summary>
    internal static class PublicLineStep
    {
        public static SetupStep Run(SetupContext ctx)
        {
            if (ctx.PublicKey == null || !ctx.KeyOnDisk)
            {
                return new SetupStep(SetupStepName.PublicLine, SetupStepStatus.Skipped, "No key yet, so no public line to send.");
            }

            string copied;
            if (!ctx.Ui.CanPrompt)
            {
                copied = "Not copied to the clipboard: nobody is at the keyboard to paste it.";
            }
            else if (ctx.Ui.ShouldProcess("the clipboard", "Copy the public key line"))
            {
                ClipboardCopy copy = ctx.Clipboard.Copy(ctx.PublicKey.ToLine());
                copied = copy.Copied ? $"Copied to the clipboard ({copy.Description})." : $"Not copied: {copy.Description}; copy it from below.";
            }
            else
            {
                copied = "Not copied to the clipboard.";
            }

            // The line shows such a comment escaped; the person sending it should know why it looks odd.
            if (SshPublicKey.UnsafeCommentProblem(ctx.PublicKey.Comment) is string unsafeComment)
            {
                copied += " " + unsafeComment;
            }

            string where = Where(ctx.Site);
            if (ctx.KeyWritten)
            {
                return new SetupStep(SetupStepName.PublicLine, SetupStepStatus.Done, $"Your key's public line, below. {copied}", "Now " + where);
            }

            string which = ctx.KeyFromConfig ? "The same line as before (your ssh config names this key)." : "Your key's public line, below (the key was already on this computer).";
            return new SetupStep(SetupStepName.PublicLine, SetupStepStatus.AlreadyDone, $"{which} {copied}", "If it is not registered yet, " + where);
        }

        /// <summary>After a login that worked, the line is registered: nothing is left to paste.</summary>
        public static SetupStep Registered(SetupStep step) =>
            new SetupStep(SetupStepName.PublicLine, SetupStepStatus.AlreadyDone, step.Detail + " It is registered: the login with this key worked.");

        private static string Where(SiteProfile site)
        {
            string? address = site.Support.AccountFormUrl ?? site.DocumentationUrl;
            string form = site.Support.AccountFormUrl != null ? $"the {site.Name} account form ({address})"
                : address != null ? $"the {site.Name} account form (see {address})"
                : $"the {site.Name} account form";
            return $"paste it, as one line, in {form}: the IT team installs it on the servers (you cannot add it to authorized_keys yourself).";
        }
    }
}
