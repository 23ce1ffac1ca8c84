namespace EspriSsh.Core.Connection
{
    /// <summary>The optional marker at the start of a known_hosts line (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").</summary>
    public enum KnownHostMarker
    {
        None,
        Revoked,
        CertAuthority,
    }
}
