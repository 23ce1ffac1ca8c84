namespace EspriSsh.Core.Keys
{
    /// <summary>What KeyInventory found: a private key (with or without its .pub) or a .pub alone.</summary>
    public enum KeyEntryKind
    {
        Private,
        Public,
    }
}
