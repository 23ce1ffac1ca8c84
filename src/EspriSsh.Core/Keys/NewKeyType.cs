namespace EspriSsh.Core.Keys
{
    /// <summary>The key types a user may ask New-EspriKey for; the site profile decides which are made.</summary>
    public enum NewKeyType
    {
        Ed25519,
        Rsa,
        Dsa,
        Ecdsa,
    }
}
