using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Test-EspriConnection, and Start-EspriSetup's Connection step: <see cref="Plan"/> resolves the
    /// hops (config, site, defaults), <see cref="Describe"/> is the one change a test may make (a host
    /// key seen for the first time, recorded with -AcceptNewHostKey), <see cref="Execute"/> walks the
    /// stages and says, as ssh does, which host keys it added to known_hosts.
    /// </summary>
    public sealed class ConnectionTestWorkflow
    {
        private readonly IUserInteraction ui;
        private readonly SiteProfile site;
        private readonly SshAgent? agent;

        public ConnectionTestWorkflow(IUserInteraction ui, SiteProfile site, SshAgent? agent = null)
        {
            this.ui = ui;
            this.site = site;
            this.agent = agent;
            ConnectionWarmUp.Start();
        }

        public ConnectionPlan Plan(ConnectionTestRequest request) => ConnectionPlanBuilder.For(site, request);

        /// <summary>What -AcceptNewHostKey may write, confirmed before the test.</summary>
        public static PlannedChange Describe(ConnectionPlan plan) => new PlannedChange(plan.KnownHostsPath ?? plan.Target.HostName,
            $"Add the host key of {plan.Target.HostName}{(plan.Jumps.Count == 0 ? "" : " (and of its jump host)")} if it is seen for the first time");

        /// <summary>
        /// The test. <paramref name="acceptNewHostKey"/>: record a first-contact host key without asking
        /// (the caller had <see cref="Describe"/> approved); <paramref name="passphrase"/>: for encrypted
        /// keys the agent does not hold (else asked when someone can answer).
        /// </summary>
        public ConnectionTestResult Execute(ConnectionPlan plan, bool acceptNewHostKey, Secret? passphrase)
        {
            plan.AcceptNewHostKey = acceptNewHostKey;
            plan.Passphrase = passphrase?.Utf8;
            ConnectionTestResult result = new ConnectionTester(site, ui, agent).Run(plan, ui.Cancellation);
            string[] added = result.Stages.Select(s => s.AddedHostKey).OfType<string>().ToArray();
            if (added.Length > 0)
            {
                // As ssh's "Permanently added", with the fingerprints to compare; short lines, the path alone on its own.
                ui.Inform($"Permanently added to the list of known hosts:\n{string.Concat(added.Select(a => "  " + a + "\n"))}in {plan.KnownHostsPath}");
            }

            return result;
        }

        /// <summary>Test-EspriConnection: plan, -AcceptNewHostKey confirmed, test.</summary>
        public ConnectionTestResult Run(ConnectionTestRequest request, bool acceptNewHostKey, Secret? passphrase)
        {
            ConnectionPlan plan = Plan(request);
            return Execute(plan, acceptNewHostKey && Describe(plan).ApprovedBy(ui), passphrase);
        }
    }
}
