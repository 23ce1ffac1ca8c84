using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Turns "Permission denied" into its cause and a next step: which keys went out (fingerprints,
    /// and whether the agent signed), which stayed home and why, what the server accepts, and what the
    /// site policy and file rights say. A key the server accepts but OpenSSH would ignore (rights too
    /// open) still fails: the user's ssh would fail.
    /// </summary>
    internal static class AuthenticationDiagnosis
    {
        private const string TooManyFailuresMessage = "Too many authentication failures";


        public static bool IsTooManyFailures(string serverMessage) => serverMessage.IndexOf(TooManyFailuresMessage, StringComparison.OrdinalIgnoreCase) >= 0;

        public static void Accepted(ConnectionStage stage, HopAuthentication authentication)
        {
            HopPlan hop = authentication.Hop;
            LoadedIdentity? used = authentication.Identities.FirstOrDefault(i => i.Offer?.Accepted == true);
            stage.Status = StageStatus.Passed;
            if (used == null)
            {
                stage.Detail = $"The server let '{hop.User}' in without checking a key.";
                return;
            }

            stage.Detail = $"The server accepted {Describe(used)} for user '{hop.User}'.";

            if (used.RightsProblem != null && used.Agent == null)
            {
                stage.Status = StageStatus.Failed;
                stage.Reason = ErrorIds.KeyFileTooOpen;
                stage.Hint = $"The server accepts this key, but OpenSSH will refuse to use {UntrustedText.Quoted(used.Path)}: {used.RightsProblem}. Restrict the file to yourself, then test again.";
                return;
            }

            var warnings = new List<string>();
            if (used.Policy != null && used.Policy.Verdict != KeyPolicyVerdict.Preferred)
            {
                warnings.Add(used.Policy.Reason);
            }

            if (used.PublicFileMismatch != null)
            {
                warnings.Add(used.PublicFileMismatch);
            }

            if (used.RightsProblem != null)
            {
                warnings.Add($"The agent signed, but without it OpenSSH will refuse {UntrustedText.Quoted(used.Path)}: {used.RightsProblem}. Restrict the file to yourself.");
            }

            if (warnings.Count > 0)
            {
                stage.Status = StageStatus.Warning;
                stage.Hint = string.Join(" ", warnings);
            }
        }

        public static void Refused(ConnectionStage stage, HopAuthentication authentication, string[]? allowedMethods, string sshDirectory, string serverMessage)
        {
            HopPlan hop = authentication.Hop;
            IReadOnlyList<LoadedIdentity> identities = authentication.Identities;
            stage.Status = StageStatus.Failed;
            List<LoadedIdentity> unused = identities.Where(i => i.Offer?.SignatureRequested == true && !i.Offer.Accepted).ToList();
            List<LoadedIdentity> refused = identities.Where(i => i.Offer?.Offered == true && !unused.Contains(i)).ToList();
            List<LoadedIdentity> notOffered = identities.Where(i => i.Offer == null).ToList();
            string allowed = allowedMethods == null || allowedMethods.Length == 0 ? "unknown" : string.Join(",", allowedMethods);

            var detail = new List<string> { $"{serverMessage.TrimEnd('.')} (user '{hop.User}'; the server allows: {allowed})." };
            detail.AddRange(Named("Offered and refused", refused.Select(Describe)));
            detail.AddRange(Named("Accepted by the server but not used", unused.Select(i => $"{Describe(i)}: {WhyUnused(i)}")));
            detail.AddRange(Named("Not offered", notOffered.Select(i => i.Problem ?? i.Path)));
            stage.Detail = string.Join(" ", detail);

            var hint = new List<string>();
            LoadedIdentity? needsPassphrase = notOffered.FirstOrDefault(i => i.ProblemId == ErrorIds.PassphraseRequired);
            if (allowedMethods != null && allowedMethods.Length > 0 && !allowedMethods.Contains("publickey"))
            {
                stage.Reason = ErrorIds.AuthenticationFailed;
                hint.Add($"The server does not accept keys for '{hop.User}' (it allows: {allowed}). Ask the IT team whether key login is enabled for your account.");
            }
            else if (unused.Count > 0 && unused[0].ProblemId == ErrorIds.AgentTimeout)
            {
                // The agent's wait ended with the stage's time a moment before the stage did: the same verdict.
                TimedOut(stage, authentication);
                return;
            }
            else if (unused.Count > 0)
            {
                LoadedIdentity first = unused[0];
                stage.Reason = first.Offer!.AgentSignedWith != null ? ErrorIds.AgentRefused : first.ProblemId ?? ErrorIds.AuthenticationFailed;
                hint.Add($"The server accepts {Describe(first)}: {NextStepForUnused(first, authentication.Agent)}");
            }
            else if (refused.Count == 0 || needsPassphrase != null)
            {
                LoadedIdentity? first = needsPassphrase ?? notOffered.FirstOrDefault();
                stage.Reason = first?.ProblemId ?? ErrorIds.AuthenticationFailed;
                hint.Add(first == null
                    ? "No key could be offered. Make one with New-EspriKey and send its .pub via the account form."
                    : NextStepFor(first, authentication.Agent));
            }
            else
            {
                stage.Reason = ErrorIds.AuthenticationFailed;
                List<LoadedIdentity> keys = refused.Where(i => !i.IsCertificate).ToList();
                if (keys.Count == 0)
                {
                    hint.Add($"The server refused the certificate(s) {ShortList.Join(", ", refused.Select(i => "'" + i.Path + "'").ToList())}: it does not trust their CA for '{hop.User}', "
                        + "or they do not name that login or are no longer valid (ssh-keygen -L -f <certificate> shows them). Ask the IT team.");
                    stage.Hint = string.Join(" ", hint);
                    return;
                }

                string prints = ShortList.Join(", ", keys.Select(i => i.Offer!.Fingerprint).Distinct().ToList());
                string pubs = ShortList.Join(", ", keys.Select(PublicLine).Distinct().ToList());
                hint.Add($"The key offered is {prints}; the key registered with the IT team must be this one: send {pubs} via the account form. "
                    + $"If it was registered, check the login name: '{hop.User}' must be the account name the centre gave you (use -User).");
                hint.AddRange(OtherLocalKeys(identities, sshDirectory));
            }

            string? agentWarning = authentication.Agent.Warning();
            if (agentWarning != null)
            {
                hint.Add(agentWarning);
            }

            hint.AddRange(identities.Where(i => i.Policy?.Verdict == KeyPolicyVerdict.Refused).Select(i => i.Policy!.Reason));
            hint.AddRange(identities.Where(i => i.PublicFileMismatch != null).Select(i => i.PublicFileMismatch!));
            hint.AddRange(identities.Where(i => i.RightsProblem != null && i.Agent == null).Select(i => $"OpenSSH ignores {UntrustedText.Quoted(i.Path)}: {i.RightsProblem}."));
            stage.Hint = string.Join(" ", hint.Distinct());
        }

        /// <summary>
        /// The server's MaxAuthTries ran out (default 6; every key the agent holds counts): name it, list
        /// what went out, and give the fix that makes ssh offer only the site key.
        /// </summary>
        public static void TooManyFailures(ConnectionStage stage, HopAuthentication authentication)
        {
            HopPlan hop = authentication.Hop;
            List<LoadedIdentity> offered = authentication.Identities.Where(i => i.Offer?.Offered == true).ToList();
            List<LoadedIdentity> neverTried = authentication.Identities.Where(i => i.Offer != null && !i.Offer.Offered).ToList();
            stage.Status = StageStatus.Failed;
            stage.Reason = ErrorIds.TooManyAuthenticationFailures;
            var detail = new List<string>
            {
                $"The server closed the connection: \"{TooManyFailuresMessage}\". It allows a few tries per login (MaxAuthTries, 6 by default) and {offered.Count} key(s) were refused first.",
            };
            detail.AddRange(Named("Refused", offered.Select(Describe)));
            detail.AddRange(Named("Never tried", neverTried.Select(Describe)));
            stage.Detail = string.Join(" ", detail);
            string key = hop.IdentityFiles.FirstOrDefault() ?? "~/.ssh/id_ed25519";
            stage.Hint = $"Offer only your site key to {hop.Alias}: in its Host block of ~/.ssh/config, add 'IdentitiesOnly yes' and 'IdentityFile {key}' "
                + $"(for the site's hosts, Set-EspriSshConfig -User {hop.User} -IdentityFile '{key}' writes both). "
                + "Or remove the keys you do not need from the agent (ssh-add -d <key file>; ssh-add -D removes them all).";
        }

        private static string NextStepFor(LoadedIdentity identity, AgentKeys agent) => identity.ProblemId switch
        {
            ErrorIds.PassphraseRequired => $"{UntrustedText.Quoted(identity.Path)} is protected by a passphrase and was not tried: add it to the agent once (Install-EspriKey -Path {UntrustedText.QuotedArgument(identity.Path)} -AddToAgent, or ssh-add {UntrustedText.QuotedArgument(identity.Path)}), "
                + "run the test in an interactive session to be asked, or pass -Passphrase." + LockedAgent(agent),
            ErrorIds.KeyWrongPassphrase => $"The passphrase does not open {UntrustedText.Quoted(identity.Path)}. Type it again; if it is lost, make a new key with New-EspriKey and register its .pub.",
            ErrorIds.KeyFileNotFound => $"{identity.Problem} Make a key with New-EspriKey, or name yours with -IdentityFile.",
            _ => identity.Problem ?? "The key cannot be used.",
        };

        private static string NextStepForUnused(LoadedIdentity identity, AgentKeys agent)
        {
            if (identity.Offer!.AgentSignedWith != null)
            {
                return $"{identity.Agent} signed with {identity.Offer.AgentSignedWith} instead of the {identity.Offer.Algorithm} announced, which the server refuses. "
                    + "Update that agent (Pageant: PuTTY 0.75 or later), or use an ED25519 key.";
            }

            return identity.ProblemId switch
            {
                ErrorIds.PassphraseRequired => $"its passphrase was not given. Test again in a terminal and type it when asked, or pass -Passphrase, "
                    + $"or add the key to the agent once (Install-EspriKey -Path {UntrustedText.QuotedArgument(identity.Path)} -AddToAgent, or ssh-add)."
                    + LockedAgent(agent),
                ErrorIds.KeyWrongPassphrase => $"the passphrase typed does not open {UntrustedText.Quoted(identity.Path)}. If it is lost, make a new key with New-EspriKey and register its .pub.",
                ErrorIds.KeyFileNotFound => $"{identity.Problem} Add the private key to the agent (ssh-add <private key file>), or name the private key file with -IdentityFile.",
                _ => identity.Problem ?? "no signature could be made.",
            };
        }

        /// <summary>
        /// The stage's time ran out: while the agent was still asked (it may be showing the person a
        /// dialog), the agent is named, never the server; otherwise the server was slow.
        /// </summary>
        public static bool TimedOut(ConnectionStage stage, HopAuthentication authentication)
        {
            string seconds = authentication.StageSeconds;
            AgentKeys agent = authentication.Agent;
            stage.Status = StageStatus.Failed;
            if (agent.WaitingSince == 0 && agent.GaveUp?.ErrorId != ErrorIds.AgentTimeout)
            {
                stage.Reason = ErrorIds.ConnectionTimeout;
                stage.Detail = $"Authentication did not finish within {seconds}.";
                stage.Hint = "The server is very slow to check keys; try again, then send this result to the IT team.";
                return false;
            }

            stage.Reason = ErrorIds.AgentTimeout;
            string name = agent.Agent ?? "the agent";
            stage.Detail = $"{Agent.AgentErrors.Capital(name)} did not answer within the stage's {seconds} when asked to sign: "
                + "it may be waiting for you to confirm the use of a key or to type a passphrase, in another window.";
            stage.Hint = $"An agent that asks before it signs (a key added with ssh-add -c, a key Pageant holds encrypted, gpg-agent's pinentry) waits for you. {authentication.MoreTime}";
            return false;
        }

        /// <summary>Where the public line of an offered key is: its .pub, or what ssh-add -L shows for a key only the agent holds.</summary>
        private static string PublicLine(LoadedIdentity identity) => !identity.IsFile ? $"the line ssh-add -L shows for {UntrustedText.Quoted(identity.Path)}"
            : identity.Path.EndsWith(Keys.PublicKeyFile.Suffix, StringComparison.Ordinal) ? $"{UntrustedText.Quoted(identity.Path)}"
            : $"'{identity.Path}{Keys.PublicKeyFile.Suffix}'";

        /// <summary>"Refused (12): a; b; c; d; e; (and 7 more)." Agents may hold thousands of keys: a count and the first few.</summary>
        private static IEnumerable<string> Named(string what, IEnumerable<string> items)
        {
            List<string> all = items.Select(i => i.TrimEnd('.')).ToList();
            if (all.Count > 0)
            {
                yield return $"{what}{(all.Count > 1 ? $" ({all.Count})" : "")}: {ShortList.Join("; ", all)}.";
            }
        }

        private static string WhyUnused(LoadedIdentity identity) => identity.Offer!.AgentSignedWith != null
            ? $"the agent signed with {identity.Offer.AgentSignedWith}, not the algorithm announced."
            : identity.Problem ?? "no signature could be made.";

        private static string LockedAgent(AgentKeys agent) => agent.Answered && agent.Identities.Count == 0
            ? $" {agent.Agent} answers but lists no key: if you locked it (ssh-add -x), unlock it with ssh-add -X."
            : "";

        /// <summary>Keys in the ssh directory that were not offered: one of them may be the registered one.</summary>
        private static IEnumerable<string> OtherLocalKeys(IReadOnlyList<LoadedIdentity> identities, string sshDirectory)
        {
            var offeredPrints = new HashSet<string>(identities.Where(i => i.Offer != null).Select(i => i.Offer!.Fingerprint));
            List<string> others = Keys.PublicKeyFile.InDirectory(sshDirectory)
                .Select(p => (p.Path, Print: Keys.KeyFingerprint.Sha256(p.Key.Blob)))
                .Where(p => !offeredPrints.Contains(p.Print))
                .Select(p => $"{p.Print} ({UntrustedText.Quoted(p.Path)})")
                .ToList();
            if (others.Count > 0)
            {
                yield return $"Other keys on this computer: {string.Join(", ", others)}. If the IT team registered one of these, test it with -IdentityFile.";
            }
        }

        private static string Describe(LoadedIdentity identity)
        {
            // Which agent is said once, by the Config stage.
            KeyOffer offer = identity.Offer!;
            string source = identity.Agent == null ? "" : identity.IsFile ? ", signed by the agent" : " in the agent";
            // A key the agent lists without a comment is known by its fingerprint alone: not said twice.
            string where = offer.Path == offer.Fingerprint ? "(in the agent, no comment)" : $"({UntrustedText.Quoted(offer.Path)}{source})";
            return identity.IsCertificate
                ? $"the certificate {offer.KeyType} of key {offer.Fingerprint} {where}"
                : $"{offer.KeyType} key {offer.Fingerprint} {where}";
        }
    }
}
