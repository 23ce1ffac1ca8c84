using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Config step: Set-EspriSshConfig's engine writes the head node alias (and Jean Zay's with
    /// -JeanZayUser) naming the setup's key. Without -User, the login the alias already has, else it
    /// is asked when someone can answer; in a script the step then waits for the user.
    /// </summary>
    internal static class ConfigStep
    {
        private const int LoginAttempts = 3;

        public static SetupStep Run(SetupContext ctx)
        {
            SetupRequest request = ctx.Request;
            if (ctx.KeyPath == null)
            {
                return new SetupStep(SetupStepName.Config, SetupStepStatus.Skipped, "Waits for the key: the aliases name it.");
            }

            string? user = request.User ?? LoginInConfig(ctx) ?? AskLogin(ctx);
            if (user == null)
            {
                return new SetupStep(SetupStepName.Config, SetupStepStatus.NeedsYou,
                    ctx.Ui.CanPrompt ? "No login was given, so the aliases were not written." : "Your login is needed to write the aliases, and this session cannot ask for it.",
                    "Start-EspriSetup -User <your login> (add -JeanZayUser <IDRIS login> for Jean Zay)");
            }

            SshConfigEditPlan plan = Plan(ctx, user, asking: true);
            ctx.User = user;
            string hosts = string.Join(" and ", plan.Hosts);
            // Set-EspriSshConfig's advice (how to add the jean-zay alias, unless it is there), as a sentence.
            string? next = plan.Next == null ? null : char.ToUpperInvariant(plan.Next[0]) + plan.Next.Substring(1);
            ConfigChange? change = new ConfigWorkflow(ctx.Ui, ctx.Site).Apply(plan);
            if (change == null)
            {
                return new SetupStep(SetupStepName.Config, SetupStepStatus.Skipped, $"Would write {hosts} for {user} into {UntrustedText.Quoted(plan.Path)}.",
                    "Run Start-EspriSetup without -WhatIf to do it.");
            }

            ctx.ConfigInPlace = plan.Satisfied;
            if (!change.Changed)
            {
                return Checked(change, user, request.JeanZayUser, SetupStepStatus.AlreadyDone, $"{UntrustedText.Quoted(plan.Path)} already has {hosts} for {user}.", next);
            }

            string backup = change.BackupPath == null ? "" : $" (the previous file is kept as '{change.BackupPath}')";
            return Checked(change, user, request.JeanZayUser, SetupStepStatus.Done, $"Wrote {hosts} for {user} into {UntrustedText.Quoted(plan.Path)}{backup}: 'ssh {plan.Hosts[0]}' now logs you in with your key.", next);
        }

        private static SshConfigEditPlan Plan(SetupContext ctx, string user, bool asking = false)
        {
            SetupRequest request = ctx.Request;
            var config = new SshConfigRequest
            {
                User = user,
                HeadNode = request.HeadNode,
                JeanZayUser = request.JeanZayUser,
                IdentityFile = IdentityFileOf(ctx.KeyPath!, request.HomeDirectory),
            };
            var workflow = new ConfigWorkflow(ctx.Ui, ctx.Site);
            var options = new SshResolveOptions { Home = request.HomeDirectory };
            return asking ? workflow.PlanAsking(ctx.ConfigPath, config, options) : workflow.Plan(ctx.ConfigPath, config, options, checkResult: false);
        }

        // Verified by ssh and the editor: ssh would resolve every alias to what was asked, else the lines that stand in the way are named.
        private static SetupStep Checked(ConfigChange change, string user, string? jeanZayUser, SetupStepStatus status, string detail, string? next)
        {
            if (change.Satisfied)
            {
                return new SetupStep(SetupStepName.Config, status, detail, next);
            }

            string why = string.Join(" ", change.Overrides.Select(o => o + ".")) + (change.KeptRoute == null ? "" : $" {change.KeptRoute} (left as it is).");
            return new SetupStep(SetupStepName.Config, SetupStepStatus.NeedsYou, detail + " ssh would still not use those values: " + why.Trim(),
                change.KeptRoute != null
                    ? $"Set-EspriSshConfig -User {user} -JeanZayUser {jeanZayUser} -ReplaceRoute"
                    : "Fix or remove the lines named, then run Start-EspriSetup again (Test-EspriSshConfig says what ssh resolves).");
        }

        /// <summary>The key as the config names it: ~/.ssh/... inside the home (as Set-EspriSshConfig writes it), else the full path.</summary>
        private static string IdentityFileOf(string keyPath, string home)
        {
            string homeSsh = Path.Combine(home, ".ssh") + Path.DirectorySeparatorChar;
            StringComparison comparison = HostPlatform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            string full = Path.GetFullPath(keyPath);
            return full.StartsWith(homeSsh, comparison) ? "~/.ssh/" + full.Substring(homeSsh.Length).Replace('\\', '/') : full;
        }

        /// <summary>
        /// The login the head node alias already carries, so that a later run (Start-EspriSetup
        /// -TestConnection, as the checklist says) needs no -User and asks nothing.
        /// </summary>
        private static string? LoginInConfig(SetupContext ctx)
        {
            if (!File.Exists(ctx.ConfigPath))
            {
                return null;
            }

            string head = ctx.Request.HeadNode ?? ctx.Site.DefaultHeadNode;
            ResolvedHostConfig? resolved = SshConfigResolver.Read(SshConfigDocument.Load(ctx.ConfigPath)!, head, new SshResolveOptions { Home = ctx.Request.HomeDirectory }).Settings;
            return resolved?.SourceOf("user") != null ? resolved.User : null;
        }

        private static string? AskLogin(SetupContext ctx)
        {
            if (!ctx.Ui.CanPrompt)
            {
                return null;
            }

            string head = ctx.Request.HeadNode ?? ctx.Site.DefaultHeadNode;
            var question = new Question($"Your {ctx.Site.Name} login (what you type before @ in ssh login@{head}; empty to skip)", null,
                ErrorIds.InvalidParameter, "Pass -User.");
            for (int attempt = 1; attempt <= LoginAttempts; attempt++)
            {
                string answer = ctx.Ui.AskText(question).Trim();
                if (answer.Length == 0)
                {
                    return null;
                }

                try
                {
                    Plan(ctx, answer); // the editor checks the login as ssh would take it
                    return answer;
                }
                catch (EspriException ex) when (Equals(ex.Target, answer) && attempt < LoginAttempts)
                {
                    ctx.Ui.Warn(ex.Message);
                }
            }

            return null;
        }
    }
}
