using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Reads and decrypts one private key file. Failures are EspriExceptions with the key engine's ids
    /// (PassphraseRequired, KeyWrongPassphrase, KeyFormatInvalid, KeyFileNotFound...), which the
    /// Authentication stage turns into a diagnosis.
    /// </summary>
    public delegate SshPrivateKey PrivateKeyLoader(string path, byte[]? passphrase);
}
