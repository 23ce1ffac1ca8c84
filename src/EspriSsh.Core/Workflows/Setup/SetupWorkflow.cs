using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// Start-EspriSetup from start to end: the site's whole page (key, public line, config, agent,
    /// connection, report), each step finding where the user stands and doing only what is missing,
    /// so a second run changes nothing. A step that fails or needs the user does not stop the
    /// others that can still be done; -WhatIf shows every change and makes none.
    /// </summary>
    public sealed class SetupWorkflow
    {
        public const string Activity = "Start-EspriSetup";

        private readonly IUserInteraction ui;
        private readonly SiteProfile site;
        private readonly IClipboard clipboard;
        private readonly SshAgent agent;

        public SetupWorkflow(IUserInteraction ui, SiteProfile site, IClipboard clipboard, SshAgent? agent = null)
        {
            this.ui = ui;
            this.site = site;
            this.clipboard = clipboard;
            this.agent = agent ?? new SshAgent();
        }

        /// <summary>The checklist. Throws InvalidParameter for a head node or Jean Zay login the site has no place for.</summary>
        public SetupResult Run(SetupRequest request)
        {
            Validate(request);
            if (request.TestConnection)
            {
                // The logins come last: their code gets ready while the other steps run.
                ConnectionWarmUp.Start();
            }

            var steps = new List<SetupStep>();
            using var context = new SetupContext(ui, site, request, agent, clipboard);
            try
            {
                Step(steps, SetupStepName.Key, () => KeyStep.Run(context));
                Step(steps, SetupStepName.PublicLine, () => PublicLineStep.Run(context));
                Step(steps, SetupStepName.Config, () => ConfigStep.Run(context));
                Step(steps, SetupStepName.Agent, () => AgentStep.Run(context));
                SetupStep connection = Step(steps, SetupStepName.Connection, () => ConnectionStep.Run(context));
                Step(steps, SetupStepName.Report, () => ReportStep.Run(context, connection));
                if (connection.Status == SetupStepStatus.Done)
                {
                    int line = steps.FindIndex(s => s.Name == SetupStepName.PublicLine);
                    steps[line] = PublicLineStep.Registered(steps[line]);
                }
            }
            finally
            {
                ui.ProgressDone(Activity);
            }

            return new SetupResult(steps, context.KeyPath, context.KeyOnDisk ? context.PublicKey?.ToLine() : null, context.ReportPath);
        }

        /// <summary>
        /// Runs one step. An error of the taxonomy becomes the step's Failed status with its message (a
        /// question nobody could answer: NeedsYou); Ctrl+C and bugs go through.
        /// </summary>
        private SetupStep Step(List<SetupStep> steps, SetupStepName name, Func<SetupStep> run)
        {
            ui.Progress(Activity, name.ToString(), (double)steps.Count / Enum.GetValues(typeof(SetupStepName)).Length);
            SetupStep step;
            try
            {
                step = run();
            }
            catch (PassphraseRequiredException ex)
            {
                step = new SetupStep(name, SetupStepStatus.NeedsYou, ex.Message, "Run Start-EspriSetup in a PowerShell window (it asks for the passphrase), or pass -Passphrase.");
            }
            catch (EspriException ex)
            {
                step = new SetupStep(name, SetupStepStatus.Failed, ex.Message, $"Fix what the message says, then run Start-EspriSetup again (error {ex.ErrorId}).");
            }

            steps.Add(step);
            return step;
        }

        private void Validate(SetupRequest request)
        {
            string head = request.HeadNode ?? site.DefaultHeadNode;
            if (!site.HeadNodes.Any(h => string.Equals(h.Alias, head, StringComparison.OrdinalIgnoreCase)))
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    $"'{head}' is not a head node of {site.Name}. Use one of: {string.Join(", ", site.HeadNodes.Select(h => h.Alias))}.", head);
            }

            if (request.JeanZayUser != null && site.RemoteHost == null)
            {
                throw new EspriException(ErrorIds.InvalidParameter,
                    $"The site profile '{site.Source}' has no host reached through a head node, so -JeanZayUser cannot be used with it.", request.JeanZayUser);
            }
        }
    }
}
