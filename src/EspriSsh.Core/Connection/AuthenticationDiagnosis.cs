using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Turns "Permission denied" into its cause and a next step: which key went out (fingerprint),
    /// which keys stayed home and why, what the server accepts, and what the site policy and file
    /// rights say. A key the server accepts but OpenSSH would ignore (rights too open) still fails:
    /// the user's ssh would fail.
    /// </summary>
    internal static class AuthenticationDiagnosis
    {
        public static void Accepted(ConnectionStage stage, HopPlan hop, IReadOnlyList<LoadedIdentity> identities)
        {
            LoadedIdentity? used = identities.FirstOrDefault(i => i.Offer?.Accepted == true);
            stage.Status = StageStatus.Passed;
            if (used == null)
            {
                stage.Detail = $"The server let '{hop.User}' in without checking a key.";
                return;
            }

            stage.Detail = $"The server accepted {Describe(used.Offer!)} for user '{hop.User}'.";

            if (used.RightsProblem != null)
            {
                stage.Status = StageStatus.Failed;
                stage.Reason = ErrorIds.KeyFileTooOpen;
                stage.Hint = $"The server accepts this key, but OpenSSH will refuse to use '{used.Path}': {used.RightsProblem}. Restrict the file to yourself, then test again.";
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

            if (warnings.Count > 0)
            {
                stage.Status = StageStatus.Warning;
                stage.Hint = string.Join(" ", warnings);
            }
        }

        public static void Refused(ConnectionStage stage, HopPlan hop, IReadOnlyList<LoadedIdentity> identities, string[]? allowedMethods, string sshDirectory, string serverMessage)
        {
            stage.Status = StageStatus.Failed;
            List<LoadedIdentity> offered = identities.Where(i => i.Offer?.Offered == true).ToList();
            List<LoadedIdentity> unusable = identities.Where(i => i.Offer == null).ToList();
            string allowed = allowedMethods == null || allowedMethods.Length == 0 ? "unknown" : string.Join(",", allowedMethods);

            var detail = new List<string> { $"{serverMessage.TrimEnd('.')} (user '{hop.User}'; the server allows: {allowed})." };
            detail.AddRange(offered.Select(i => $"Offered and refused: {Describe(i.Offer!)}."));
            detail.AddRange(unusable.Select(i => $"Not offered: {i.Problem}"));
            stage.Detail = string.Join(" ", detail);

            var hint = new List<string>();
            if (allowedMethods != null && allowedMethods.Length > 0 && !allowedMethods.Contains("publickey"))
            {
                stage.Reason = ErrorIds.AuthenticationFailed;
                hint.Add($"The server does not accept keys for '{hop.User}' (it allows: {allowed}). Ask the IT team whether key login is enabled for your account.");
            }
            else if (offered.Count == 0)
            {
                LoadedIdentity? first = unusable.FirstOrDefault();
                stage.Reason = first?.ProblemId ?? ErrorIds.AuthenticationFailed;
                hint.Add(first == null
                    ? "No key could be offered. Make one with New-EspriKey and send its .pub via the account form."
                    : NextStepFor(first));
            }
            else
            {
                stage.Reason = ErrorIds.AuthenticationFailed;
                string prints = string.Join(", ", offered.Select(i => i.Offer!.Fingerprint));
                string pubs = string.Join(", ", offered.Where(i => !i.IsCertificate).Select(i => "'" + i.Path + ".pub'"));
                hint.Add($"The key offered is {prints}; the key registered with the IT team must be this one: send {pubs} via the account form. "
                    + $"If it was registered, check the login name: '{hop.User}' must be the account name the centre gave you (use -User).");
                hint.AddRange(OtherLocalKeys(identities, sshDirectory));
            }

            hint.AddRange(identities.Where(i => i.Policy?.Verdict == KeyPolicyVerdict.Refused).Select(i => i.Policy!.Reason));
            hint.AddRange(identities.Where(i => i.PublicFileMismatch != null).Select(i => i.PublicFileMismatch!));
            hint.AddRange(identities.Where(i => i.RightsProblem != null).Select(i => $"OpenSSH ignores '{i.Path}': {i.RightsProblem}."));
            stage.Hint = string.Join(" ", hint);
        }

        private static string NextStepFor(LoadedIdentity identity) => identity.ProblemId switch
        {
            ErrorIds.PassphraseRequired => $"'{identity.Path}' is protected by a passphrase: run the test again with -Passphrase (ssh would ask for it, or take it from ssh-agent).",
            ErrorIds.KeyWrongPassphrase => $"The passphrase does not open '{identity.Path}'. Type it again; if it is lost, make a new key with New-EspriKey and register its .pub.",
            ErrorIds.KeyFileNotFound => $"{identity.Problem} Make a key with New-EspriKey, or name yours with -IdentityFile.",
            _ => identity.Problem ?? "The key cannot be used.",
        };

        /// <summary>Keys in the ssh directory that were not offered: one of them may be the registered one.</summary>
        private static IEnumerable<string> OtherLocalKeys(IReadOnlyList<LoadedIdentity> identities, string sshDirectory)
        {
            var offeredPrints = new HashSet<string>(identities.Where(i => i.Offer != null).Select(i => i.Offer!.Fingerprint));
            List<string> others = Keys.PublicKeyFile.InDirectory(sshDirectory)
                .Select(p => (p.Path, Print: Keys.KeyFingerprint.Sha256(p.Key.Blob)))
                .Where(p => !offeredPrints.Contains(p.Print))
                .Select(p => $"{p.Print} ('{p.Path}')")
                .ToList();
            if (others.Count > 0)
            {
                yield return $"Other keys on this computer: {string.Join(", ", others)}. If the IT team registered one of these, test it with -IdentityFile.";
            }
        }

        private static string Describe(KeyOffer offer) => Keys.SshCertificate.IsCertificateType(offer.KeyType)
            ? $"the certificate {offer.KeyType} of key {offer.Fingerprint} ('{offer.Path}')"
            : $"{offer.KeyType} key {offer.Fingerprint} ('{offer.Path}')";
    }
}
