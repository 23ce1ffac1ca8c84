using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Connection step (-TestConnection): Test-EspriConnection's workflow logs in to the head node
    /// through the aliases just written, then to Jean Zay through it when -JeanZayUser is given or the
    /// config names its alias (an earlier run wrote it). The key's passphrase is asked once, before the
    /// tests, when no agent holds the key. A host key the user chose not to trust stops it without
    /// a fault: that is theirs to check. Without -TestConnection it waits for the account.
    /// </summary>
    internal static class ConnectionStep
    {
        public static SetupStep Run(SetupContext ctx)
        {
            SetupRequest request = ctx.Request;
            if (!request.TestConnection)
            {
                return new SetupStep(SetupStepName.Connection, SetupStepStatus.Skipped, "Not tested.",
                    "Once the IT team has opened your account with this public line, run:\n    Start-EspriSetup -TestConnection");
            }

            if (!ctx.KeyOnDisk || !ctx.ConfigInPlace)
            {
                return new SetupStep(SetupStepName.Connection, SetupStepStatus.Skipped, "Waits for the key and the aliases.");
            }

            var hosts = new List<string> { request.HeadNode ?? ctx.Site.DefaultHeadNode };
            SiteHost? remote = ctx.Site.RemoteHost;
            if (remote != null && (request.JeanZayUser != null
                || SshConfigHostAliases.Read(ctx.ConfigPath, request.HomeDirectory).Contains(remote.Alias, StringComparer.OrdinalIgnoreCase)))
            {
                hosts.Add(remote.Alias);
            }

            LearnPassphrase(ctx);
            var passed = new List<string>();
            foreach (string host in hosts)
            {
                ConnectionTestResult result = Test(ctx, host);
                ctx.ConnectionResults.Add(result);
                if (result.HostKeyDeclined)
                {
                    ConnectionStage hostKey = result.Stages.First(s => s.DeclinedByUser);
                    return new SetupStep(SetupStepName.Connection, SetupStepStatus.NeedsYou,
                        $"You did not trust the host key of {hostKey.Host}, so the test stopped before anything was sent to it. {hostKey.Detail}",
                        "Compare the fingerprint with the one the IT team publishes for that host; if it is the same, run this again and answer Yes:\n    Start-EspriSetup -TestConnection");
                }

                if (!result.Succeeded)
                {
                    ctx.FailedHost = host;
                    string done = passed.Count == 0 ? "" : $" ({string.Join(", ", passed)} passed.)";
                    string where = result.FailedHost != null && result.FailedHost != host ? $" of {result.FailedHost}, on the way," : "";
                    return new SetupStep(SetupStepName.Connection, SetupStepStatus.Failed,
                        $"The login to {host} failed at the {result.FailedStage} stage{where} ({result.Reason}).{done}", result.Hint);
                }

                passed.Add($"{host} as {result.User}{(result.Via == null ? "" : " through " + result.Via)}");
            }

            return new SetupStep(SetupStepName.Connection, SetupStepStatus.Done, $"Logged in to {string.Join(", then ", passed)}: your access works.");
        }

        private static ConnectionTestResult Test(SetupContext ctx, string host)
        {
            SetupRequest request = ctx.Request;
            var workflow = new ConnectionTestWorkflow(ctx.Ui, ctx.Site, ctx.Agent);
            ConnectionPlan plan = workflow.Plan(new ConnectionTestRequest
            {
                HostName = host,
                ConfigPath = ctx.ConfigPath,
                SshDirectory = request.SshDirectory,
                Timeout = request.Timeout,
            });
            bool acceptNewHostKey = request.AcceptNewHostKey && ConnectionTestWorkflow.Describe(plan).ApprovedBy(ctx.Ui);
            // The passphrase this run knows; else the agent signs, or the Authentication stage asks.
            return workflow.Execute(plan, acceptNewHostKey, ctx.Passphrase);
        }

        /// <summary>
        /// An encrypted key no agent holds: its passphrase is asked here, once, rather than by each test
        /// (the head node's, then Jean Zay's through it). Nobody to ask: the tests say what is missing.
        /// </summary>
        private static void LearnPassphrase(SetupContext ctx)
        {
            if (ctx.Passphrase != null || !ctx.Ui.CanPrompt || ctx.KeyPath == null || ctx.KeyEncrypted != true)
            {
                return;
            }

            if (ctx.Agent.Probe(ctx.Ui.Cancellation).Identities?.Any(i => i.Fingerprint == ctx.Fingerprint) == true)
            {
                return;
            }

            try
            {
                ctx.OpenKey(ctx.KeyPath);
            }
            catch (WrongPassphraseException)
            {
                // Three wrong tries: the tests say so (they cannot use the key either).
            }
        }
    }
}
