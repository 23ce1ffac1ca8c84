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
                    "Give it (add -JeanZayUser <IDRIS login> for Jean Zay):\n    Start-EspriSetup -User <your login>");
            }

            SshConfigEditPlan plan = Plan(ctx, user, asking: true);
            ctx.User = user;
            // Each alias with its own login: Jean Zay's is not the head node's.
            string hosts = string.Join(" and ", plan.Hosts.Select(h => $"{h} ({LoginOf(ctx, h, user)})"));
            // Set-EspriSshConfig's advice (how to add the jean-zay alias, unless it is there), as a sentence.
            string? next = plan.Next == null ? null : char.ToUpperInvariant(plan.Next[0]) + plan.Next.Substring(1);
            ConfigChange? change = new ConfigWorkflow(ctx.Ui, ctx.Site).Apply(plan);
            if (change == null)
            {
                return new SetupStep(SetupStepName.Config, SetupStepStatus.Skipped, $"Would write {hosts} into {UntrustedText.Quoted(plan.Path)}.",
                    "Run Start-EspriSetup without -WhatIf to do it.");
            }

            ctx.ConfigInPlace = plan.Satisfied;
            if (!change.Changed)
            {
                return Checked(change, user, request.JeanZayUser, SetupStepStatus.AlreadyDone, $"{UntrustedText.Quoted(plan.Path)} already has {hosts}.", next);
            }

            string backup = change.BackupPath == null ? "" : $" (the previous file is kept as {UntrustedText.Quoted(change.BackupPath)})";
            return Checked(change, user, request.JeanZayUser, SetupStepStatus.Done, $"Wrote {hosts} into {UntrustedText.Quoted(plan.Path)}{backup}: 'ssh {plan.Hosts[0]}' now logs you in with your key.", next);
        }

        private static SshConfigEditPlan Plan(SetupContext ctx, string user, bool asking = false)
        {
            SetupRequest request = ctx.Request;
            var config = new SshConfigRequest
            {
                User = user,
                HeadNode = request.HeadNode,
                JeanZayUser = request.JeanZayUser,
                IdentityFile = IdentityFileFor(ctx),
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

        /// <summary>
        /// The key as the config names it. When the config already names this very file for the alias
        /// (an absolute path, ~/..., %d/...: paths compared as the files they name), its own spelling,
        /// so that a config that already does what the site needs is not rewritten. Otherwise
        /// ~/.ssh/... inside the home (as Set-EspriSshConfig writes it), else the full path.
        /// </summary>
        private static string IdentityFileFor(SetupContext ctx)
        {
            string keyPath = Path.GetFullPath(ctx.KeyPath!);
            string home = ctx.Request.HomeDirectory;
            // A config ssh refuses keeps no spelling: the plan says what is wrong with it.
            ResolvedHostConfig? resolved = ctx.HeadNodeInConfig()?.Resolved;
            for (int i = 0; resolved != null && resolved.IdentityFilesFromConfig && i < resolved.IdentityFiles.Count; i++)
            {
                if (string.Equals(Path.GetFullPath(resolved.ExpandedIdentityFiles[i]), keyPath, PathComparison))
                {
                    return resolved.IdentityFiles[i];
                }
            }

            string homeSsh = Path.Combine(home, ".ssh") + Path.DirectorySeparatorChar;
            return keyPath.StartsWith(homeSsh, PathComparison) ? "~/.ssh/" + keyPath.Substring(homeSsh.Length).Replace('\\', '/') : keyPath;
        }

        private static StringComparison PathComparison => HostPlatform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>The login an alias is written with: the remote host's own (-JeanZayUser), else the head node's.</summary>
        private static string LoginOf(SetupContext ctx, string alias, string user) =>
            ctx.Request.JeanZayUser != null && string.Equals(alias, ctx.Site.RemoteHost?.Alias, StringComparison.OrdinalIgnoreCase) ? ctx.Request.JeanZayUser : user;

        /// <summary>
        /// The login the head node alias already carries, so that a later run (Start-EspriSetup
        /// -TestConnection, as the checklist says) needs no -User and asks nothing.
        /// </summary>
        private static string? LoginInConfig(SetupContext ctx)
        {
            ResolvedHostConfig? resolved = ctx.HeadNodeInConfig()?.Settings;
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
