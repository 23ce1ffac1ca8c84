using System;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The HostKey stage's decision, taken inside SSH.NET's key exchange (on its thread): trust,
    /// record a new key when allowed, or refuse so that nothing (no key, no login name) is sent to an
    /// unverified server. The verdict is turned into the stage's words afterwards.
    /// </summary>
    internal sealed class HostKeyCheck
    {
        private readonly HopPlan hop;
        private readonly ConnectionPlan plan;
        private readonly HostKeyVerifier verifier;
        private readonly byte[]? approved;
        private HostKeyVerdict? verdict;
        private string? recorded;
        private string? writeProblem;

        /// <param name="approved">A key the user has just trusted (the first-contact question): recorded when presented again.</param>
        public HostKeyCheck(HopPlan hop, ConnectionPlan plan, HostKeyVerifier verifier, byte[]? approved = null)
        {
            this.hop = hop;
            this.plan = plan;
            this.verifier = verifier;
            this.approved = approved;
        }

        /// <summary>What known_hosts and the site said of the key; null before the key exchange.</summary>
        public HostKeyVerdict? Verdict => verdict;

        /// <summary>The key the server presented (its wire blob); null before the key exchange.</summary>
        public byte[]? PresentedKey { get; private set; }

        /// <summary>True to let the connection go on.</summary>
        public bool Decide(byte[] hostKeyBlob)
        {
            try
            {
                // The blob's own type (ssh-rsa), not the signature algorithm SSH.NET names (rsa-sha2-512).
                string keyType = new SshWireReader(hostKeyBlob).ReadUtf8String();
                PresentedKey = hostKeyBlob;
                verdict = verifier.Verify(hop.HostName, hop.Port, keyType, hostKeyBlob);
                bool mayRecord = verdict.Trust == HostKeyTrust.Unknown || (verdict.Trust == HostKeyTrust.Trusted && !verdict.InKnownHosts);
                bool accepted = plan.AcceptNewHostKey || (approved != null && approved.SequenceEqual(hostKeyBlob));
                if (!accepted || !mayRecord)
                {
                    return verdict.Trust == HostKeyTrust.Trusted;
                }

                KnownHostsFile.Append(plan.KnownHostsPath, hop.HostName, hop.Port, keyType, hostKeyBlob);
                recorded = plan.KnownHostsPath;
                return true;
            }
            catch (EspriException ex)
            {
                writeProblem = ex.Message;
                return false;
            }
            catch (FormatException ex)
            {
                writeProblem = "The server sent an unreadable host key: " + ex.Message;
                return false;
            }
        }

        public void Describe(ConnectionStage stage)
        {
            if (verdict == null || writeProblem != null)
            {
                Fail(stage, ErrorIds.FileWriteFailed, writeProblem ?? "No host key was checked.", "Fix the problem above, then test again.");
                return;
            }

            string key = $"{verdict.KeyType} {verdict.Fingerprint}";
            string notes = verdict.Notes.Count == 0 ? "" : " " + string.Join(" ", verdict.Notes);
            switch (verdict.Trust)
            {
                case HostKeyTrust.Mismatch:
                    Fail(stage, ErrorIds.HostKeyMismatch,
                        $"The server {hop.HostName} presented {key}, but {verdict.Source} expects {string.Join(" or ", verdict.ExpectedFingerprints)}. The connection was stopped before logging in.{notes}",
                        "WARNING: the host key has changed. Someone may be intercepting your connection (man-in-the-middle attack), or the server was reinstalled. "
                        + $"Do not log in. Ask the IT team whether the key of {hop.HostName} changed and what its fingerprint is; only if they confirm {verdict.Fingerprint}, "
                        + RemoveOldKey() + ", then test again with -AcceptNewHostKey.");
                    return;
                case HostKeyTrust.Revoked:
                    Fail(stage, ErrorIds.HostKeyRevoked, $"The server {hop.HostName} presented {key}, which {verdict.Source} marks @revoked.{notes}",
                        "This key was withdrawn on purpose: do not log in, and tell the IT team.");
                    return;
                case HostKeyTrust.Unknown when recorded == null:
                    Fail(stage, ErrorIds.HostKeyUnknown,
                        $"First connection: the key of {hop.HostName} is {key}; it is not in {plan.KnownHostsPath}.{notes}",
                        $"Check that {verdict.Fingerprint} is the fingerprint the IT team publishes for {hop.HostName}; if it is, run the test again with -AcceptNewHostKey to record it (ssh would ask you the same question).");
                    return;
            }

            stage.Status = StageStatus.Passed;
            if (verdict.VouchingProfileFile != null)
            {
                // A profile file is not the module: whoever wrote it decided this key; say so every time.
                stage.Status = StageStatus.Warning;
                stage.Hint = $"The key of {hop.HostName} is trusted only because the site profile file {verdict.VouchingProfileFile} (not the built-in profile) "
                    + "lists its fingerprint. Use that file only if it comes from your IT team"
                    + (recorded == null ? "; ssh itself will still ask you to check the key once." : ".");
            }

            if (recorded != null)
            {
                stage.Detail = $"{key} is new{(verdict.MatchesPublishedFingerprint ? ", matches " + verdict.Source + "," : "")} and was added to {recorded}.{notes}";
                stage.AddedHostKey = $"{KnownHostEntry.LookupName(hop.HostName, hop.Port)} {HostKeyQuestion.KeyLabel(verdict.KeyType)} {verdict.Fingerprint}";
            }
            else if (!verdict.InKnownHosts)
            {
                stage.Status = StageStatus.Warning;
                stage.Detail = $"{key} matches {verdict.Source}, but is not in {plan.KnownHostsPath} yet.{notes}";
                stage.Hint ??= "ssh will ask once whether to trust this host: answer yes (the key is the published one), or run the test with -AcceptNewHostKey.";
            }
            else
            {
                stage.Detail = $"{key} matches {verdict.Source}.{notes}";
            }
        }

        /// <summary>How to drop the outdated lines: ssh-keygen -R for the user's files, the administrator for the system's.</summary>
        private string RemoveOldKey()
        {
            string name = KnownHostEntry.LookupName(hop.HostName, hop.Port);
            if (verdict!.RecordedIn.Count == 0)
            {
                return "ask them to correct the site profile";
            }

            return string.Join(" and ", verdict.RecordedIn.Select(file => plan.UserKnownHostsFiles.Contains(file)
                ? $"remove the old line with: ssh-keygen -R \"{name}\" -f \"{file}\""
                : $"ask an administrator to remove the old line from {file}"));
        }

        private static void Fail(ConnectionStage stage, string reason, string detail, string hint)
        {
            stage.Status = StageStatus.Failed;
            stage.Reason = reason;
            stage.Detail = detail;
            stage.Hint = hint;
        }
    }
}
