using System.Collections.Generic;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// ssh's first-contact question, for a person at a terminal: the server's key is unknown, here is
    /// its fingerprint, go on? Yes records the key in known_hosts (as ssh does) and the test goes on;
    /// no stops before anything is sent to the server. Only built when someone can answer: otherwise a
    /// first contact fails with HostKeyUnknown and the hint names -AcceptNewHostKey.
    /// </summary>
    internal sealed class HostKeyQuestion
    {
        private static readonly IReadOnlyList<Choice> Answers = new[]
        {
            new Choice("&Yes", "Trust this key: record it in known_hosts and go on, as ssh does when you answer yes."),
            new Choice("&No", "Stop here: nothing (no login name, no key) is sent to this server."),
        };

        private readonly IUserInteraction ui;

        public HostKeyQuestion(IUserInteraction ui) => this.ui = ui;

        /// <summary>True when the user trusts the key and allows it to be written to the hop's first known_hosts file (-WhatIf does not).</summary>
        public bool Trust(HopPlan hop, string? address, HostKeyVerdict verdict, KnownHostsSettings files)
        {
            string knownHostsPath = files.WritablePath!;
            string name = KnownHostEntry.LookupName(files.LookupFor(hop).Name, files.LookupFor(hop).Port);
            if (!ui.ShouldProcess(knownHostsPath, $"Add the host key of {name} ({verdict.KeyType} {verdict.Fingerprint})"))
            {
                return false;
            }

            string seenAt = address == null || address == hop.HostName ? name : $"{name} ({KnownHostEntry.LookupName(address, hop.Port)})";
            var question = new Question(
                $"{KeyLabel(verdict.KeyType)} key fingerprint is {verdict.Fingerprint}.\n"
                    + "Compare it with the fingerprint the IT team publishes for this host. Are you sure you want to continue connecting?",
                hop.HostName, ErrorIds.HostKeyUnknown, "Check the fingerprint, then run the test with -AcceptNewHostKey.",
                $"The authenticity of host '{seenAt}' can't be established.");
            return ui.Choose(question, Answers, 1) == 0;
        }

        /// <summary>The key type as ssh names it in this question: ED25519, RSA, ECDSA, DSA.</summary>
        internal static string KeyLabel(string keyType) =>
            keyType.StartsWith("ecdsa-", System.StringComparison.Ordinal) ? "ECDSA"
            : keyType == "ssh-dss" ? "DSA"
            : keyType.Replace("ssh-", "").ToUpperInvariant();
    }
}
