using System;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The HostKey stage's decision, taken inside SSH.NET's key exchange (on its thread): trust,
    /// record a new key when allowed, or refuse so that nothing (no key, no login name) is sent to an
    /// unverified server. The verdict is turned into the stage's words afterwards. The hop's own
    /// settings decide where to look and write, as ssh's: HostKeyAlias, several user files (new keys to
    /// the first), /dev/null (written to, kept nowhere), "UserKnownHostsFile none" (nothing to record
    /// in: a key known nowhere cannot be accepted), a file that cannot be written (said, and the
    /// connection goes on).
    /// </summary>
    internal sealed class HostKeyCheck
    {
        private readonly HopPlan hop;
        private readonly ConnectionPlan plan;
        private readonly HostKeyVerifier verifier;
        private readonly KnownHostsSettings files;
        private readonly byte[]? approved;
        private HostKeyVerdict? verdict;
        private KnownHostsWrite? written;
        private string? readProblem;

        /// <param name="approved">A key the user has just trusted (the first-contact question): recorded when presented again.</param>
        public HostKeyCheck(HopPlan hop, ConnectionPlan plan, HostKeyVerifier verifier, byte[]? approved = null)
        {
            this.hop = hop;
            this.plan = plan;
            this.verifier = verifier;
            this.approved = approved;
            files = plan.KnownHostsFor(hop);
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
                if (files.UserFiles.Count == 0 && !verdict.InKnownHosts)
                {
                    return false; // ssh: nowhere to record a new key, so it cannot accept one
                }

                bool mayRecord = verdict.Trust == HostKeyTrust.Unknown || (verdict.Trust == HostKeyTrust.Trusted && !verdict.InKnownHosts);
                bool accepted = plan.AcceptNewHostKey || (approved != null && approved.SequenceEqual(hostKeyBlob));
                if (!accepted || !mayRecord)
                {
                    return verdict.Trust == HostKeyTrust.Trusted;
                }

                var (name, port) = files.LookupFor(hop);
                written = KnownHostsFile.Append(files.WritablePath!, KnownHostEntry.LookupName(name, port), keyType, hostKeyBlob);
                return true;
            }
            catch (FormatException ex)
            {
                readProblem = "The server sent an unreadable host key: " + ex.Message;
                return false;
            }
        }

        public void Describe(ConnectionStage stage)
        {
            if (verdict == null || readProblem != null)
            {
                Fail(stage, ErrorIds.KeyExchangeFailed, readProblem ?? "No host key was checked.", "Send this result to the IT team.");
                return;
            }

            string key = $"{verdict.KeyType} {verdict.Fingerprint}";
            string notes = verdict.Notes.Count == 0 ? "" : " " + string.Join(" ", verdict.Notes);
            string known = KnownHostEntry.LookupName(files.LookupFor(hop).Name, files.LookupFor(hop).Port) + (files.Alias == null ? "" : " (its HostKeyAlias)");
            switch (verdict.Trust)
            {
                case HostKeyTrust.Mismatch:
                    Fail(stage, ErrorIds.HostKeyMismatch,
                        $"The server {hop.HostName} presented {key}, but {verdict.Source} expects {string.Join(" or ", verdict.ExpectedFingerprints)} for {known}. The connection was stopped before logging in.{notes}",
                        "WARNING: the host key has changed. Someone may be intercepting your connection (man-in-the-middle attack), or the server was reinstalled. "
                        + $"Do not log in. Ask the IT team whether the key of {hop.HostName} changed and what its fingerprint is; only if they confirm {verdict.Fingerprint}, "
                        + RemoveOldKey() + ", then test again with -AcceptNewHostKey.");
                    return;
                case HostKeyTrust.Revoked:
                    Fail(stage, ErrorIds.HostKeyRevoked, $"The server {hop.HostName} presented {key}, which {verdict.Source} marks @revoked.{notes}",
                        "This key was withdrawn on purpose: do not log in, and tell the IT team.");
                    return;
            }

            if (files.UserFiles.Count == 0 && !verdict.InKnownHosts)
            {
                Fail(stage, ErrorIds.HostKeyUnknown,
                    $"The key of {hop.HostName} is {key}; it is in no known_hosts file, and your ssh config keeps none for this host (UserKnownHostsFile none{(files.UserFilesSource == null ? "" : ", " + files.UserFilesSource)}): ssh cannot verify it and refuses to connect (\"Host key verification failed\"), whatever StrictHostKeyChecking says.{notes}",
                    "Remove that UserKnownHostsFile line (or name a file there), then test again; -AcceptNewHostKey cannot record a key where the config keeps none.");
                return;
            }

            if (verdict.Trust == HostKeyTrust.Unknown && written == null)
            {
                Fail(stage, ErrorIds.HostKeyUnknown,
                    $"First connection: the key of {hop.HostName} is {key}; {known} is not in {string.Join(", ", files.AllFiles)}.{notes}",
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
                    + (written == null ? "; ssh itself will still ask you to check the key once." : ".");
            }

            if (written != null && written.Recorded)
            {
                stage.Detail = $"{key} is new{(verdict.MatchesPublishedFingerprint ? ", matches " + verdict.Source + "," : "")} and was added to {written.Path} as {known}.{notes}";
                stage.AddedHostKey = $"{KnownHostEntry.LookupName(files.LookupFor(hop).Name, files.LookupFor(hop).Port)} {HostKeyQuestion.KeyLabel(verdict.KeyType)} {verdict.Fingerprint}";
            }
            else if (written != null)
            {
                // As ssh: the key is accepted for this connection, the problem said, the test goes on.
                stage.Status = StageStatus.Warning;
                stage.Detail = $"{key} is new and was accepted for this test, but not recorded: {written.Problem}.{notes}";
                stage.Hint ??= "ssh will treat the next connection as a first one again. Make that known_hosts file writable, or name another with UserKnownHostsFile.";
            }
            else if (!verdict.InKnownHosts)
            {
                stage.Status = StageStatus.Warning;
                stage.Detail = $"{key} matches {verdict.Source}, but {known} is not in {files.WritablePath} yet.{notes}";
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
            string name = KnownHostEntry.LookupName(files.LookupFor(hop).Name, files.LookupFor(hop).Port);
            if (verdict!.RecordedIn.Count == 0)
            {
                return "ask them to correct the site profile";
            }

            return string.Join(" and ", verdict.RecordedIn.Select(file => files.UserFiles.Contains(file)
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
