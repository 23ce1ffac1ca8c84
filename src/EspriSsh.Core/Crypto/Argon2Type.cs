namespace EspriSsh.Core.Crypto
{
    /// <summary>The Argon2 variants of RFC 9106; the values are the "y" field hashed into H0.</summary>
    public enum Argon2Type
    {
        /// <summary>Data-dependent memory access (fastest against GPU cracking, leaks timing).</summary>
        Argon2d = 0,

        /// <summary>Data-independent memory access.</summary>
        Argon2i = 1,

        /// <summary>Argon2i for the first half pass, Argon2d after: the RFC's and PuTTY's default.</summary>
        Argon2id = 2,
    }
}
