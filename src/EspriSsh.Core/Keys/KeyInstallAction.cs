namespace EspriSsh.Core.Keys
{
    /// <summary>What an install writes.</summary>
    public enum KeyInstallAction
    {
        /// <summary>The destination already holds this key, loadable, with its .pub: nothing.</summary>
        None,

        /// <summary>The private key and its .pub.</summary>
        KeyPair,

        /// <summary>The key is in place and loadable; only its missing, damaged or foreign .pub is written.</summary>
        PublicKeyOnly,
    }
}
