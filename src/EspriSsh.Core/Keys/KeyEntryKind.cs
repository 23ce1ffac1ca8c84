namespace EspriSsh.Core.Keys
{
    /// <summary>What KeyInventory found: a private key (with or without its .pub), a .pub alone, or a certificate (id_*-cert.pub).</summary>
    public enum KeyEntryKind
    {
        Private,
        Public,
        Certificate,
    }
}
