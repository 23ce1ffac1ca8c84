using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The identities one hop offers, in ssh 9.2's order (sshconnect2.c pubkey_prepare, ssh.c
    /// load_public_identity_files): the CertificateFile certificates; the configured identities the
    /// agent holds, in the agent's order; the agent's other keys (not with IdentitiesOnly); then the
    /// configured identities it does not hold. Each IdentityFile brings its own id_*-cert.pub right
    /// after it, only when no CertificateFile is given; such a certificate the agent does not hold
    /// therefore comes after the agent's keys.
    /// </summary>
    internal static class KeyOrder
    {
        public static List<LoadedIdentity> Of(HopPlan hop, IReadOnlyList<LoadedIdentity> inspected, AgentKeys agent, SiteProfile site)
        {
            var files = new List<LoadedIdentity>();
            foreach (LoadedIdentity file in inspected)
            {
                LoadedIdentity copy = file.CopyForHop();
                files.Add(copy);
                if (hop.CertificateFiles.Count == 0)
                {
                    files.AddRange(OwnCertificate(copy));
                }
            }

            var preferred = new List<LoadedIdentity>();
            foreach (string path in hop.CertificateFiles)
            {
                LoadedIdentity? certificate = Certificate(path);
                if (certificate != null)
                {
                    preferred.Add(certificate);
                }
            }

            var agentOnly = new List<LoadedIdentity>();
            foreach (AgentIdentity held in agent.Identities)
            {
                LoadedIdentity? file = files.FirstOrDefault(f => f.Agent == null && SameAs(f, held));
                if (file != null)
                {
                    files.Remove(file);
                    UseAgent(file, held, agent);
                    preferred.Add(file);
                }
                else if (!hop.IdentitiesOnly)
                {
                    agentOnly.Add(AgentOnly(held, agent, site));
                }
            }

            List<LoadedIdentity> ordered = preferred.Concat(agentOnly).Concat(files).ToList();
            foreach (LoadedIdentity certificate in ordered.Where(i => i.IsCertificate && i.Agent == null))
            {
                // ssh signs a certificate with the first identity holding its key (sshconnect2.c sign_and_send_pubkey).
                certificate.CertifiedKey = ordered.FirstOrDefault(i => !i.IsCertificate && i.PublicKey != null && i.PublicKey.SameKeyAs(certificate.PublicKey!));
                certificate.Policy ??= certificate.CertifiedKey?.Policy;
                certificate.RightsProblem ??= certificate.CertifiedKey?.Agent == null ? certificate.CertifiedKey?.RightsProblem : null;
            }

            return ordered;
        }

        /// <summary>An identity the agent holds: for a certificate, the same certificate; for a key, the same public key.</summary>
        private static bool SameAs(LoadedIdentity file, AgentIdentity held) => file.IsCertificate
            ? file.CertificateBlob!.SequenceEqual(held.Blob)
            : file.PublicKey != null && file.PublicKey.SameKeyAs(held.PublicKey);

        private static void UseAgent(LoadedIdentity identity, AgentIdentity held, AgentKeys agent)
        {
            identity.Agent = agent.Agent;
            identity.AgentBlob = held.Blob;
            identity.Problem = identity.ProblemId = null; // the agent signs: no passphrase, no private file needed
        }

        private static LoadedIdentity AgentOnly(AgentIdentity held, AgentKeys agent, SiteProfile site)
        {
            bool certificate = SshCertificate.IsCertificateType(held.KeyType);
            SshPublicKey key = certificate ? SshCertificate.TryParse(held.Blob, held.Comment, out _)!.CertifiedKey : held.PublicKey;
            var identity = new LoadedIdentity(held.Comment.Length > 0 ? held.Comment : held.Fingerprint)
            {
                IsFile = false,
                PublicKey = key,
                CertificateBlob = certificate ? held.Blob : null,
                Agent = agent.Agent,
                AgentBlob = held.Blob,
            };
            PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(key.Blob, out _);
            identity.Policy = info == null ? null : site.Evaluate(info.KeyType, info.Bits);
            return identity;
        }

        /// <summary>ssh's id_*-cert.pub: the identity file's name with "-cert", as ssh loads a public key (that file, then with .pub).</summary>
        private static IEnumerable<LoadedIdentity> OwnCertificate(LoadedIdentity key)
        {
            string stem = key.Path + "-cert";
            string? path = new[] { stem, stem + PublicKeyFile.Suffix }.FirstOrDefault(File.Exists);
            LoadedIdentity? certificate = path == null ? null : Certificate(path);
            return certificate == null ? Enumerable.Empty<LoadedIdentity>() : new[] { certificate };
        }

        /// <summary>A user certificate file as an identity; a damaged one is reported (not offered), a host certificate ignored as ssh ignores it.</summary>
        private static LoadedIdentity? Certificate(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            SshCertificate? certificate = PublicKeyFile.TryReadCertificate(path, out string? problem, out byte[] blob);
            if (certificate == null)
            {
                return new LoadedIdentity(path) { Problem = problem, ProblemId = ErrorIds.KeyFormatInvalid };
            }

            return certificate.Kind != SshCertificateKind.User ? null : new LoadedIdentity(path) { PublicKey = certificate.CertifiedKey, CertificateBlob = blob };
        }
    }
}
