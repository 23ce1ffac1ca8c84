namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// Where a line the user must paste elsewhere (the public key line) is copied. Each platform has
    /// its own (Set-Clipboard, wl-copy, xclip); tests give a fake so they need no display.
    /// </summary>
    public interface IClipboard
    {
        /// <summary>Copies <paramref name="text"/>; the result says with what, or why it could not.</summary>
        ClipboardCopy Copy(string text);
    }
}
