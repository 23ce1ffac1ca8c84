namespace EspriSsh.Core.Connection
{
    public enum HostKeyTrust
    {
        /// <summary>known_hosts or the site's published fingerprint vouches for this key.</summary>
        Trusted,

        /// <summary>Nothing is known of a key of this type for this host: first connection.</summary>
        Unknown,

        /// <summary>A different key of the same type is recorded: changed server or an attack.</summary>
        Mismatch,

        /// <summary>known_hosts marks this very key @revoked.</summary>
        Revoked,
    }
}
