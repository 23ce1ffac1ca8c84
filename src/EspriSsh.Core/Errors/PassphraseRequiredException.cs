using System;

namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// An encrypted key was read without a passphrase. A distinct type so an interactive caller can
    /// catch it, ask the user, and read again; a script gets ErrorId PassphraseRequired.
    /// </summary>
    public sealed class PassphraseRequiredException : EspriException
    {
        public PassphraseRequiredException(string message, object? target, Exception? inner = null)
            : base(ErrorIds.PassphraseRequired, message, target, inner)
        {
        }
    }
}
