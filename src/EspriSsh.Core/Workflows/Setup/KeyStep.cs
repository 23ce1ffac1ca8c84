using System;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Key step: one key per person. The key given (-KeyPath, -FromKey), else the one already at
    /// the default name, else the only key the site accepts found here (a .ppk is installed as
    /// OpenSSH), else a new ED25519 key. Several: the user chooses (or is told how to, in a script).
    /// A key the site refuses is never chosen, and the checklist says why.
    /// </summary>
    internal static class KeyStep
    {
        public static SetupStep Run(SetupContext ctx)
        {
            SetupRequest request = ctx.Request;
            KeyDiscoveryResult found = KeyDiscovery.Find(request.SshDirectory, request.HomeDirectory, ctx.Site);
            // Bounded: a Downloads folder of 10,000 junk .ppk files must not make a megabyte of detail.
            string notUsed = string.Concat(ShortList.Take(found.NotUsed.Select(n => $" Not used: {UntrustedText.Quoted(n.Path)} ({n.Reason})"), ShortList.DefaultShown,
                more => $" Not used either: {more} more files like these."));

            if (request.FromKey != null || (request.KeyPath != null && File.Exists(request.KeyPath)))
            {
                string given = request.FromKey ?? request.KeyPath!;
                KeyDiscoveryResult inspected = KeyDiscovery.Inspect(given, ctx.Site);
                if (inspected.Usable.Count == 0)
                {
                    string why = inspected.NotUsed.Select(n => n.Reason).FirstOrDefault() ?? "it holds no private key";
                    return new SetupStep(SetupStepName.Key, SetupStepStatus.Failed, $"'{given}' cannot be your key for {ctx.Site.Name}: {why}",
                        "Run Start-EspriSetup without -KeyPath and -FromKey to make a key the site accepts.");
                }

                // Already installed under some name: that one (never a second copy of the key).
                KeyCandidate key = inspected.Usable[0];
                KeyCandidate? twin = found.Usable.FirstOrDefault(c => c.Installed && c.Fingerprint == key.Fingerprint);
                if (twin != null || (key.Installed && request.FromKey == null))
                {
                    return UseInstalled(ctx, twin ?? key, notUsed);
                }

                return Install(ctx, key, request.FromKey != null ? request.KeyPath : null, notUsed);
            }

            string target = request.KeyPath ?? Path.Combine(request.SshDirectory, KeyFile.DefaultFileName(Ed25519PrivateKey.TypeName)!);
            KeyCandidate? atTarget = found.Usable.FirstOrDefault(c => c.Installed && SamePath(c.Path, target));
            if (atTarget != null)
            {
                // Other keys the site would accept stay unused: one key per person, and this is the one ssh tries.
                string others = string.Concat(ShortList.Take(found.Usable.Where(c => c != atTarget).Select(c => $" Also here, not used (you have your key): {c}."),
                    ShortList.DefaultShown, more => $" Also here, not used: {more} more keys."));
                return Use(ctx, atTarget, notUsed + others);
            }

            switch (found.Usable.Count)
            {
                case 0:
                    return Create(ctx, target, notUsed);
                case 1:
                    return Use(ctx, found.Usable[0], notUsed);
                default:
                    return Choose(ctx, found, notUsed);
            }
        }

        private static SetupStep Use(SetupContext ctx, KeyCandidate key, string notUsed) =>
            key.Installed ? UseInstalled(ctx, key, notUsed) : Install(ctx, key, ctx.Request.KeyPath, notUsed);

        private static SetupStep Choose(SetupContext ctx, KeyDiscoveryResult found, string notUsed)
        {
            string list = ShortList.Join("; ", found.Usable.Select((c, i) => $"{i + 1}. {c}"), 20);
            if (!ctx.Ui.CanPrompt)
            {
                KeyCandidate installed = found.Usable.FirstOrDefault(c => c.Installed) ?? found.Usable[0];
                KeyCandidate putty = found.Usable.FirstOrDefault(c => !c.Installed) ?? found.Usable[0];
                return new SetupStep(SetupStepName.Key, SetupStepStatus.NeedsYou,
                    $"Several keys the site accepts are here: {list}. One key per person: only you know which one is registered.{notUsed}",
                    $"Name yours: Start-EspriSetup -KeyPath '{installed.Path}' (a key in your ssh folder) or -FromKey {UntrustedText.Quoted(putty.Path)} (a PuTTY key to install).");
            }

            var question = new Question(
                $"Several keys the site accepts are here: {list}. One key per person: which one is yours (registered, or to register, with the site)?",
                null, ErrorIds.InvalidParameter, "Pass -KeyPath (a key in your ssh folder) or -FromKey (a PuTTY key to install).", "Choose your key");
            var choices = found.Usable.Select((c, i) => new Choice($"&{i + 1} {Path.GetFileName(c.Path)}", c.ToString())).ToList();
            return Use(ctx, found.Usable[ctx.Ui.Choose(question, choices, 0)], notUsed);
        }

        private static SetupStep UseInstalled(SetupContext ctx, KeyCandidate key, string notUsed)
        {
            ctx.KeyPath = key.Path;
            ctx.KeyOnDisk = true;
            ctx.PublicKey = PublicKeyOf(key.Path);
            string detail = $"Using {key}{(key.Encrypted ? ", protected by a passphrase" : "")}.{notUsed}";
            if (!key.Encrypted)
            {
                return new SetupStep(SetupStepName.Key, SetupStepStatus.NeedsYou, detail + " It has no passphrase: anyone who copies the file can use your account.",
                    "Protect it (the site requires a passphrase): " + KeyAdvice.AddPassphrase(key.Path));
            }

            // Given back to its owner alone (ssh refuses a key others can read); never through a symbolic link.
            bool asked = false;
            PermissionRepair repair = KeyPermissionRepairer.Repair(new PermissionTarget(key.Path), action =>
            {
                asked = true;
                return ctx.Ui.ShouldProcess(key.Path, action + ": ssh refuses a key others can read");
            });
            if (repair.Problem != null)
            {
                return new SetupStep(SetupStepName.Key, SetupStepStatus.NeedsYou, $"{detail} {repair.Problem}");
            }

            if (repair.Changed)
            {
                return new SetupStep(SetupStepName.Key, SetupStepStatus.Done, $"{detail} Its rights ({repair.Before}) were restricted to you alone, as ssh requires.");
            }

            return asked
                ? new SetupStep(SetupStepName.Key, SetupStepStatus.Skipped, $"{detail} Its rights ({repair.Before}) are too open for ssh: not changed.",
                    $"Repair-EspriKeyPermission -Path {UntrustedText.QuotedArgument(key.Path)}")
                : new SetupStep(SetupStepName.Key, SetupStepStatus.AlreadyDone, detail);
        }

        /// <summary>Installs a key that ssh cannot use where it is (a .ppk, a file elsewhere) at <paramref name="destination"/> (null: the default name for its type).</summary>
        private static SetupStep Install(SetupContext ctx, KeyCandidate key, string? destination, string notUsed)
        {
            var workflow = new InstallKeyWorkflow(ctx.Ui, ctx.Site, ctx.Agent);
            var request = new InstallKeyRequest { Source = key.Path, Destination = destination, SshDirectory = ctx.Request.SshDirectory };
            KeyInstallPlan plan = workflow.Plan(request);
            ctx.KeyPath = plan.Destination;
            ctx.PublicKey = plan.PublicKey;
            foreach (string warning in plan.Warnings)
            {
                ctx.Ui.Warn(warning);
            }

            if (!InstallKeyWorkflow.Describe(plan).ApprovedBy(ctx.Ui))
            {
                return WouldDo($"Would install {key} as {UntrustedText.Quoted(plan.Destination)}.{notUsed}");
            }

            // Opened here (asked once), so the passphrase is kept for the agent and the connection test.
            var answers = new KeyAnswers();
            Secret? newPassphrase = null;
            try
            {
                if (key.Encrypted)
                {
                    answers.OpenedKey = ctx.OpenKey(key.Path);
                    answers.Passphrase = ctx.Passphrase;
                }
                else
                {
                    // The site requires a passphrase: an unprotected source gets one.
                    newPassphrase = KeyPassphrases.ForNewKey(ctx.Ui, ctx.Passphrase == null ? PassphraseChoice.Ask : PassphraseChoice.Given(ctx.Passphrase), plan.Destination);
                    ctx.RememberPassphrase(newPassphrase);
                    answers.NewPassphrase = newPassphrase;
                    if (newPassphrase != null)
                    {
                        // The plan copied the file as it is; it is now re-encrypted.
                        request.NewPassphrase = newPassphrase;
                        plan = workflow.Plan(request);
                    }
                }

                KeyInfo info = workflow.Execute(plan, answers, addToAgent: false);
                // The .pub written carries such a comment escaped: said here, where it changed.
                string comment = SshPublicKey.UnsafeCommentProblem(plan.PublicKey?.Comment) is string problem ? " " + problem : "";
                return Written(ctx, info, $"Installed {key} as {UntrustedText.Quoted(info.Path)} in the OpenSSH format", comment + notUsed);
            }
            finally
            {
                newPassphrase?.Dispose();
            }
        }

        private static SetupStep Create(SetupContext ctx, string target, string notUsed)
        {
            var workflow = new NewKeyWorkflow(ctx.Ui, ctx.Site);
            KeyCreationPlan plan = workflow.Plan(new KeyCreationRequest { Path = target, SshDirectory = ctx.Request.SshDirectory }); // a file in the way fails before any question
            ctx.KeyPath = plan.Path;
            string none = notUsed.Length == 0 ? " (none was found here)" : "";
            if (!NewKeyWorkflow.Describe(plan).ApprovedBy(ctx.Ui))
            {
                return WouldDo($"Would create a new {plan.Type} key at {UntrustedText.Quoted(plan.Path)}{none}.{notUsed}");
            }

            // Asked here, not inside the workflow, so the passphrase is kept for the agent and the connection test.
            using Secret? passphrase = KeyPassphrases.ForNewKey(ctx.Ui, ctx.Passphrase == null ? PassphraseChoice.Ask : PassphraseChoice.Given(ctx.Passphrase), plan.Path);
            ctx.RememberPassphrase(passphrase);
            KeyInfo info = workflow.Execute(plan, passphrase);
            return Written(ctx, info, $"Made a new {plan.Type} key at {UntrustedText.Quoted(info.Path)}{none}", notUsed);
        }

        private static SetupStep Written(SetupContext ctx, KeyInfo info, string what, string notUsed)
        {
            ctx.KeyPath = info.Path;
            ctx.KeyOnDisk = true;
            ctx.KeyWritten = true;
            ctx.PublicKey = PublicKeyOf(info.Path);
            return info.Encrypted
                ? new SetupStep(SetupStepName.Key, SetupStepStatus.Done, $"{what}, protected by its passphrase.{notUsed}")
                : new SetupStep(SetupStepName.Key, SetupStepStatus.NeedsYou, $"{what}, with no passphrase.{notUsed}",
                    "Protect it (the site requires a passphrase): " + KeyAdvice.AddPassphrase(info.Path));
        }

        private static SetupStep WouldDo(string detail) =>
            new SetupStep(SetupStepName.Key, SetupStepStatus.Skipped, detail, "Run Start-EspriSetup without -WhatIf to do it.");

        // The .pub beside the key when it matches (its comment is what the user registered), else the key's own.
        private static SshPublicKey? PublicKeyOf(string privatePath)
        {
            SshPublicKey? own = PrivateKeyFileReader.PeekFile(privatePath).PublicKey;
            SshPublicKey? pub = PublicKeyFile.TryReadBeside(privatePath);
            return pub != null && (own == null || pub.SameKeyAs(own)) ? pub : own;
        }

        private static bool SamePath(string a, string b) =>
            string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), HostPlatform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
