using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// One key found on disk by KeyInventory (Get-EspriKey, the debug report): what it is, whether
    /// OpenSSH and the site will accept it, and what to fix. Null means "cannot be known without the
    /// passphrase" (or, for InAgent, that no agent could be asked).
    /// </summary>
    public sealed class KeyEntry
    {
        /// <summary>The private key file; for a .pub without its private key or a certificate, that file itself.</summary>
        public string Path { get; set; } = "";

        public KeyEntryKind Kind { get; set; }

        /// <summary>The .pub that goes with the key; null when there is none.</summary>
        public string? PublicKeyPath { get; set; }

        /// <summary>
        /// ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ssh-dss...; the certificate type for a certificate
        /// (ssh-ed25519-cert-v01@openssh.com); "ecdsa" for an encrypted EC PEM key, whose curve is hidden.
        /// </summary>
        public string? Type { get; set; }

        public int? Bits { get; set; }

        /// <summary>As ssh-keygen -l prints it ("SHA256:..."); for a certificate, that of the key it certifies.</summary>
        public string? Fingerprint { get; set; }

        public string? Comment { get; set; }

        /// <summary>Protected by a passphrase; null for a lone .pub.</summary>
        public bool? Encrypted { get; set; }

        /// <summary>"OpenSSH", "PEM", "PKCS#8", "PPK v2", "PPK v3"; "Public" for a lone .pub; "Certificate"; null when unreadable.</summary>
        public string? Format { get; set; }

        public bool HasPublicKey { get; set; }

        /// <summary>Whether the .pub holds the public half of this private key; null when not checkable.</summary>
        public bool? PublicKeyMatches { get; set; }

        /// <summary>The rights as a person reads them ("0600", an ACL summary); null for a lone .pub.</summary>
        public string? Permissions { get; set; }

        /// <summary>False when the private file is too open for OpenSSH (it would refuse to use it).</summary>
        public bool? PermissionsOk { get; set; }

        /// <summary>Loaded in the running ssh-agent; null when no agent could be asked.</summary>
        public bool? InAgent { get; set; }

        /// <summary>The site's verdict on the type and size; null when the type is not known.</summary>
        public KeyPolicyVerdict? SitePolicy { get; set; }

        public string? SitePolicyReason { get; set; }

        /// <summary>What a certificate says (key ID, principals, validity, signing CA); null for keys.</summary>
        public SshCertificate? Certificate { get; set; }

        /// <summary>What is wrong, one sentence each, with the command that fixes it. Empty when all is well.</summary>
        public string[] Problems { get; set; } = new string[0];
    }
}
