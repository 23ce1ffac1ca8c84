using EspriSsh.Core.Keys;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The PublicLine step: the one line the IT team needs, copied to the clipboard when there is
    /// one and someone at the keyboard, and where it goes. The result carries the line itself; its
    /// view prints it whole.
    /// </summary>
    internal static class PublicLineStep
    {
        public static SetupStep Run(SetupContext ctx)
        {
            if (ctx.PublicKey == null || !ctx.KeyOnDisk)
            {
                return new SetupStep(SetupStepName.PublicLine, SetupStepStatus.Skipped, "No key yet, so no public line to send.");
            }

            string where = $"paste it, as one line, in the {ctx.Site.Name} account form: the IT team installs it on the servers " +
                "(you cannot add it to authorized_keys yourself).";
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

            return !ctx.KeyWritten
                ? new SetupStep(SetupStepName.PublicLine, SetupStepStatus.AlreadyDone, $"The same line as before. {copied}",
                    "If it is not registered yet, " + where)
                : new SetupStep(SetupStepName.PublicLine, SetupStepStatus.Done, $"Your key's public line, below. {copied}", "Now " + where);
        }
    }
}
