using System;

namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// A passphrase that does not open the key. A distinct type so a caller that asks again catches
    /// it whatever the file format; a script tells the formats apart by ErrorId: PpkWrongPassphrase for
    /// a PuTTY key, KeyWrongPassphrase for the others.
    /// </summary>
    public sealed class WrongPassphraseException : EspriException
    {
        private WrongPassphraseException(string errorId, string message, object? target, Exception? inner)
            : base(errorId, message, target, inner)
        {
        }

        public static WrongPassphraseException OfKeyFile(string message, object? target, Exception? inner = null) =>
            new WrongPassphraseException(ErrorIds.KeyWrongPassphrase, message, target, inner);

        public static WrongPassphraseException OfPpkFile(string message, object? target) =>
            new WrongPassphraseException(ErrorIds.PpkWrongPassphrase, message, target, null);
    }
}
