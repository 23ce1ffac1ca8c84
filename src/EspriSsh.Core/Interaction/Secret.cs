using System;

namespace EspriSsh.Core.Interaction
{
    /// <summary>
    /// A passphrase as UTF-8 bytes (what ssh-keygen and PuTTY feed their KDFs), wiped on Dispose.
    /// Never a string: strings cannot be wiped and end up in dumps and logs.
    /// </summary>
    public sealed class Secret : IDisposable
    {
        private readonly byte[] utf8;

        /// <summary>Takes ownership of <paramref name="utf8"/>: it is wiped with this secret.</summary>
        public Secret(byte[] utf8) => this.utf8 = utf8;

        /// <summary>The bytes, valid until Dispose; pass them on, never keep them.</summary>
        public byte[] Utf8 => utf8;

        public bool IsEmpty => utf8.Length == 0;

        /// <summary>An independent copy (the original may be disposed first).</summary>
        public Secret Copy() => new Secret((byte[])utf8.Clone());

        /// <summary>Same bytes, compared in constant time.</summary>
        public bool SameAs(Secret other)
        {
            if (other.utf8.Length != utf8.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < utf8.Length; i++)
            {
                diff |= utf8[i] ^ other.utf8[i];
            }

            return diff == 0;
        }

        public void Dispose() => Array.Clear(utf8, 0, utf8.Length);
    }
}
