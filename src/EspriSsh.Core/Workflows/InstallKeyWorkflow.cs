using EspriSsh.Core.Agent;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Workflows
{
    /// <summary>
    /// Install-EspriKey from start to end ("keys replication"): plan without the passphrase, decrypt
    /// only when needed (a hidden public half, a conversion, a new passphrase, the agent, and always a
    /// given passphrase, to check it), leave an already installed key alone, confirm, write (or repair
    /// in place what OpenSSH could not use), warn about a key without passphrase, and optionally load
    /// it in the agent.
    /// </summary>
    public sealed class InstallKeyWorkflow
    {
        private readonly IUserInteraction ui;
        private readonly SiteProfile site;
        private readonly SshAgent agent;

        public InstallKeyWorkflow(IUserInteraction ui, SiteProfile site, SshAgent? agent = null)
        {
            this.ui = ui;
            this.site = site;
            this.agent = agent ?? new SshAgent();
        }

        /// <summary>The installed key (also when it was already there), or null when the user declined.</summary>
        public KeyInfo? Run(InstallKeyRequest request)
        {
            KeyInstallPlan plan = KeyInstallService.Plan(request, site);
            PrivateKeyFile? decrypted = null;
            Secret? oldPassphrase = null;
            try
            {
                if (plan.PublicKey == null)
                {
                    // The format hides the public half (encrypted PEM, PKCS#8): needed to compare with what is installed.
                    decrypted = Decrypt(request, ref oldPassphrase);
                    plan = KeyInstallService.Plan(request, site, decrypted);
                }

                if (plan.AlreadyInstalled)
                {
                    if (decrypted == null && KeyInstallService.NeedsDecryption(plan, request.Passphrase != null, request.AddToAgent))
                    {
                        decrypted = Decrypt(request, ref oldPassphrase);
                    }

                    KeyInfo installed = KeyInstallService.DescribeInstalled(plan);
                    ui.Warn($"'{plan.Destination}' already holds this key ({installed.Fingerprint}): nothing was written.");
                    if (request.AddToAgent)
                    {
                        agent.AddAndReport(decrypted!.Key, plan.Destination, ui);
                    }

                    return installed;
                }

                foreach (string warning in plan.Warnings)
                {
                    ui.Warn(warning);
                }

                string action = plan.Action == KeyInstallAction.PublicKeyOnly
                    ? $"Write the public key of '{request.Source}' ({(plan.ReplacesExisting ? "the old file kept as .bak" : "it is missing")})"
                    : plan.ReplacesExisting
                        ? $"Replace the key pair there (kept as .bak) with the key of '{request.Source}'"
                        : $"Install the key of '{request.Source}' (and {plan.PublicKeyPath})";
                if (!ui.ShouldProcess(plan.Action == KeyInstallAction.PublicKeyOnly ? plan.PublicKeyPath : plan.Destination, action))
                {
                    return null;
                }

                // A given passphrase is always checked: a key is never installed with one that does not open it.
                if (decrypted == null && KeyInstallService.NeedsDecryption(plan, request.Passphrase != null, request.AddToAgent))
                {
                    decrypted = Decrypt(request, ref oldPassphrase);
                }

                KeyInfo info = KeyInstallService.Install(plan, decrypted, request.NewPassphrase?.Utf8, oldPassphrase?.Utf8, cancellation: ui.Cancellation);
                info.Next = KeyLocationAdvice.For(info.Path, request.SshDirectory);
                if (!info.Encrypted)
                {
                    ui.Warn($"'{info.Path}' has no passphrase: anyone who gets a copy of the file can use your account, and the site requires one. " +
                        $"Protect it: {KeyAdvice.AddPassphrase(info.Path)}");
                }

                if (request.AddToAgent)
                {
                    agent.AddAndReport(decrypted!.Key, info.Path, ui);
                }

                return info;
            }
            finally
            {
                oldPassphrase?.Dispose();
            }
        }

        // The key; passphrase receives a copy of the one that opened it (the installed key keeps it).
        private PrivateKeyFile Decrypt(InstallKeyRequest request, ref Secret? passphrase)
        {
            (PrivateKeyFile key, Secret? used) = KeyPassphrases.UnlockKeeping(ui,
                bytes => PrivateKeyFileReader.ReadFile(request.Source, bytes, ui.Cancellation), request.Passphrase, request.Source);
            passphrase?.Dispose();
            passphrase = used;
            return key;
        }
    }
}
