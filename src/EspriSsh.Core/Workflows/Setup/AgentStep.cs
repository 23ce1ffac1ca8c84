using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Agent step: the key goes to the running ssh-agent (Pageant, the Windows service), so ssh
    /// stops asking for the passphrase. No agent is not a failure: the step says how to start one.
    /// </summary>
    internal static class AgentStep
    {
        public static SetupStep Run(SetupContext ctx)
        {
            if (!ctx.KeyOnDisk || ctx.KeyPath == null || ctx.Fingerprint == null)
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.Skipped, "Waits for the key.");
            }

            IReadOnlyCollection<string>? loaded = ctx.Agent.LoadedFingerprints();
            if (loaded == null)
            {
                string why = ctx.Agent.WhyUnreachable() ?? "The ssh-agent did not answer.";
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.Skipped,
                    "No ssh-agent to hold the key: ssh will ask for its passphrase at each login.", why);
            }

            if (loaded.Contains(ctx.Fingerprint))
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.AlreadyDone, $"The ssh-agent already holds the key ({ctx.Fingerprint}).");
            }

            if (!ctx.Ui.ShouldProcess(ctx.KeyPath, "Add the key to the ssh-agent"))
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.Skipped, "Would add the key to the ssh-agent.",
                    "Run Start-EspriSetup without -WhatIf to do it.");
            }

            string path = ctx.KeyPath;
            PrivateKeyFile key;
            try
            {
                Secret? used;
                (key, used) = KeyPassphrases.UnlockKeeping(ctx.Ui, bytes => PrivateKeyFileReader.ReadFile(path, bytes), ctx.Passphrase, path);
                using (used)
                {
                    ctx.RememberPassphrase(used);
                }
            }
            catch (PassphraseRequiredException)
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.NeedsYou,
                    "The key's passphrase is needed to add it to the ssh-agent, and this session cannot ask for it.",
                    $"Run ssh-add '{path}' in your session, or pass -Passphrase.");
            }

            AgentAddResult added = ctx.Agent.Add(key.Key);
            return added.Added
                ? new SetupStep(SetupStepName.Agent, SetupStepStatus.Done, "Added the key to the ssh-agent: ssh stops asking for its passphrase until you log out.")
                : new SetupStep(SetupStepName.Agent, SetupStepStatus.Failed, "The key was not added to the ssh-agent.", added.Warning);
        }
    }
}
