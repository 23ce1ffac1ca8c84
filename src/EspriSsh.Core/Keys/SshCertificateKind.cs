namespace EspriSsh.Core.Keys
{
    /// <summary>Whom an OpenSSH certificate vouches for (PROTOCOL.certkeys: SSH_CERT_TYPE_USER = 1, HOST = 2).</summary>
    public enum SshCertificateKind
    {
        User = 1,
        Host = 2,
    }
}
