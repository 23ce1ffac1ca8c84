using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Config;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The Connection step (-TestConnection): Test-EspriConnection's workflow logs in to the head node
    /// through the aliases just written, then to Jean Zay through it when -JeanZayUser is given or the
    /// config names its alias (an earlier run wrote it). Without -TestConnection it waits for the IT
    /// team to open the account.
    /// </summary>
    internal static class ConnectionStep
    {
        public static SetupStep Run(SetupContext ctx)
        {
            SetupRequest request = ctx.Request;
            if (!request.TestConnection)
            {
                return new SetupStep(SetupStepName.Connection, SetupStepStatus.Skipped, "Not tested.",
                    "Once the IT team has opened your account with this public line, run: Start-EspriSetup -TestConnection");
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

            var passed = new List<string>();
            foreach (string host in hosts)
            {
                ConnectionTestResult result = Test(ctx, host);
                if (!result.Succeeded)
                {
                    ctx.FailedHost = host;
                    string done = passed.Count == 0 ? "" : $" ({string.Join(", ", passed)} passed.)";
                    return new SetupStep(SetupStepName.Connection, SetupStepStatus.Failed,
                        $"{host}: failed at the {result.FailedStage} stage{(result.FailedHost != null && result.FailedHost != host ? " of " + result.FailedHost : "")} ({result.Reason}).{done}",
                        result.Hint);
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
            // The passphrase this run already knows; else the agent signs, or the Authentication stage asks.
            return workflow.Execute(plan, acceptNewHostKey, ctx.Passphrase);
        }
    }
}
