using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EspriSsh.Core.Agent.Transports;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// The user's agent, as the cmdlets and workflows use it: is one there and what does it hold,
    /// add a key (so ssh stops asking for the passphrase). Talks the agent protocol itself (no
    /// ssh-add needed: a Windows user may only have MobaXterm), every request bounded in time. When no
    /// agent is reachable, says why and how to start one in PowerShell; adding never throws (the
    /// key files are already written when it is asked).
    /// </summary>
    public sealed class SshAgent
    {
        private const string AddActivity = "Adding the key to the agent";

        /// <summary>What an administrator runs once on Windows: the service ships disabled.</summary>
        public const string WindowsServiceFix = AgentAdvice.WindowsServiceFix;

        private readonly IToolEnvironment environment;
        private readonly AgentLocator locator;
        private readonly TimeSpan timeout;
        private readonly TimeSpan addWait;

        public SshAgent(IToolEnvironment? environment = null, IAgentServiceQuery? windowsService = null, TimeSpan? timeout = null,
            IWindowsAgentDiscovery? windows = null, TimeSpan? addWait = null)
        {
            this.environment = environment ?? SystemToolEnvironment.Instance;
            locator = new AgentLocator(this.environment, windows, windowsService);
            this.timeout = timeout ?? AgentClient.DefaultTimeout;
            this.addWait = addWait ?? AgentClient.DefaultPersonWait;
        }

        /// <summary>A client for the agent ssh would use; null (with why and what to do) when there is none.</summary>
        public AgentClient? Client(out string? whyNone)
        {
            IAgentEndpoint? endpoint = locator.Locate(out whyNone, out string advice);
            return endpoint == null ? null : new AgentClient(endpoint, timeout, advice);
        }

        /// <summary>Asks the agent for its keys once; never throws for an absent or broken agent.</summary>
        public AgentStatus Probe(CancellationToken cancellation = default)
        {
            AgentClient? client = Client(out string? whyNone);
            if (client == null)
            {
                return AgentStatus.Unreachable(null, whyNone!, ErrorIds.AgentNotRunning);
            }

            try
            {
                return AgentStatus.Answered(client, client.ListIdentities(cancellation));
            }
            catch (EspriException ex)
            {
                return AgentStatus.Unreachable(client, ex.Message, ex.ErrorId);
            }
        }

        /// <summary>
        /// The SHA256 fingerprints of the keys the agent holds, for Get-EspriKey's InAgent; null when no
        /// agent can be asked, so callers say "unknown".
        /// </summary>
        public IReadOnlyCollection<string>? LoadedFingerprints() => Probe().Identities?.Select(i => i.Fingerprint).ToList();

        /// <summary>
        /// `ssh-add -l -E sha256`: what the user's own ssh-add sees (fingerprints, never keys), for the
        /// report beside our own listing. Null when ssh-add is not installed.
        /// </summary>
        public CommandResult? SshAddListing()
        {
            SshToolLocation? sshAdd = new SshToolLocator(environment).Find("ssh-add");
            var variables = new Dictionary<string, string?>
            {
                ["SSH_AUTH_SOCK"] = environment.GetEnvironmentVariable("SSH_AUTH_SOCK"),
                ["SSH_ASKPASS_REQUIRE"] = "never", // never a prompt window
                ["DISPLAY"] = null,
            };
            return sshAdd == null ? null : ExternalCommand.Run(sshAdd.Path, new[] { "-l", "-E", "sha256" }, timeout, variables);
        }

        /// <summary>
        /// -AddToAgent: gives the key to the agent and tells the user what happened, where it went or
        /// why not with the fix. Never fails the command that asked: its files are already written.
        /// </summary>
        public AgentAddResult AddAndReport(SshPrivateKey key, string path, IUserInteraction interaction)
        {
            AgentAddResult added = Add(key, path, null, interaction);
            if (added.Added)
            {
                interaction.Inform($"Added {UntrustedText.Quoted(path)} ({added.Fingerprint}) to {added.Agent}: ssh will not ask for its passphrase while that agent holds it.");
            }
            else
            {
                interaction.Warn($"{UntrustedText.Quoted(path)} was not added to an agent: {added.Warning}");
            }

            return added;
        }

        /// <summary>
        /// Gives the agent the key. The comment is the key's own, else <paramref name="sourcePath"/> (as
        /// ssh-add does). The agent may ask the person (gpg-agent asks for a passphrase to protect the
        /// key): the wait is shown as progress, bounded by the add wait (60 s by default) and Ctrl+C, and when it
        /// runs out the agent's list says whether the key landed. The result carries a warning with the
        /// fix instead of throwing.
        /// </summary>
        public AgentAddResult Add(SshPrivateKey key, string? sourcePath = null, AgentKeyConstraints? constraints = null, IUserInteraction? ui = null)
        {
            string fingerprint = KeyFingerprint.Sha256(key.PublicKeyBlob);
            AgentClient? client = Client(out string? whyNone);
            if (client == null)
            {
                return AgentAddResult.NotAdded(null, fingerprint, whyNone!, ErrorIds.AgentNotRunning);
            }

            CancellationToken cancellation = ui?.Cancellation ?? default;
            string comment = key.Comment.Length > 0 || sourcePath == null ? key.Comment : sourcePath;
            ui?.Progress(AddActivity, $"{AgentWait.Status}: {client.Description}", 0);
            try
            {
                client.Add(key, comment, constraints, addWait, "If you answer it now, the key is added: check with ssh-add -l.", cancellation);
                return AgentAddResult.Success(client.Description, fingerprint);
            }
            catch (EspriException ex) when (ex.ErrorId == ErrorIds.AgentTimeout)
            {
                // The person may have answered just as the wait ended: the list is the truth, not the timeout.
                bool? holds = Holds(client, key.PublicKeyBlob, cancellation);
                return holds == true
                    ? AgentAddResult.Success(client.Description, fingerprint)
                    : AgentAddResult.NotAdded(client.Description, fingerprint, ex.Message + (holds == null ? " Its list of keys could not be read either." : ""), ex.ErrorId);
            }
            catch (EspriException ex)
            {
                return AgentAddResult.NotAdded(client.Description, fingerprint, ex.Message, ex.ErrorId);
            }
            finally
            {
                ui?.ProgressDone(AddActivity);
            }
        }

        private static bool? Holds(AgentClient client, byte[] blob, CancellationToken cancellation)
        {
            try
            {
                return client.ListIdentities(cancellation).Any(i => i.Blob.SequenceEqual(blob));
            }
            catch (EspriException)
            {
                return null;
            }
        }
    }
}
