namespace EspriSsh.Core.Keys
{
    /// <summary>The private key formats Convert-PpkKey writes.</summary>
    public enum KeyOutputFormat
    {
        /// <summary>openssh-key-v1, as ssh-keygen writes it (bcrypt 24 rounds + aes256-ctr).</summary>
        OpenSsh,

        /// <summary>PuTTY PPK version 3 (Argon2id + aes256-cbc), for PuTTY, MobaXterm, WinSCP.</summary>
        Ppk,
    }
}
