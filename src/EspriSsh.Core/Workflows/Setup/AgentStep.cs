using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
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

            AgentStatus agent = ctx.Agent.Probe(ctx.Ui.Cancellation);
            if (!agent.Reachable)
            {
                // An agent that is there but stuck or broken is said as such: "no agent" would hide why.
                return agent.ProblemId == ErrorIds.AgentNotRunning
                    ? new SetupStep(SetupStepName.Agent, SetupStepStatus.Skipped, "No agent to hold the key: ssh will ask for its passphrase at each login.", agent.Problem)
                    : new SetupStep(SetupStepName.Agent, SetupStepStatus.Skipped, $"The key was not added: {agent.Problem}");
            }

            if (agent.Identities!.Any(i => i.Fingerprint == ctx.Fingerprint))
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.AlreadyDone, $"{agent.Agent} already holds the key ({ctx.Fingerprint}).");
            }

            if (!ctx.Ui.ShouldProcess(ctx.KeyPath, $"Add the key to {agent.Agent}"))
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.Skipped, $"Would add the key to {agent.Agent}.",
                    "Run Start-EspriSetup without -WhatIf to do it.");
            }

            string path = ctx.KeyPath;
            PrivateKeyFile key;
            try
            {
                key = ctx.OpenKey(path);
            }
            catch (PassphraseRequiredException)
            {
                return new SetupStep(SetupStepName.Agent, SetupStepStatus.NeedsYou,
                    $"The key's passphrase is needed to add it to {agent.Agent}, and this session cannot ask for it.",
                    $"Run ssh-add {UntrustedText.QuotedArgument(path)} in your session, or pass -Passphrase.");
            }

            AgentAddResult added = ctx.Agent.Add(key.Key, path, ui: ctx.Ui);
            return added.Added
                ? new SetupStep(SetupStepName.Agent, SetupStepStatus.Done, $"Added the key to {added.Agent}: ssh stops asking for its passphrase while that agent holds it.")
                : new SetupStep(SetupStepName.Agent, SetupStepStatus.Failed, $"The key was not added to {added.Agent ?? "an agent"}.", added.Warning);
        }
    }
}
