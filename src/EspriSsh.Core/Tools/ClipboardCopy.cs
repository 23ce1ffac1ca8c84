namespace EspriSsh.Core.Tools
{
    /// <summary>What became of a copy to the clipboard: the tool that did it, or why none could.</summary>
    public sealed class ClipboardCopy
    {
        private ClipboardCopy(bool copied, string description)
        {
            Copied = copied;
            Description = description;
        }

        public bool Copied { get; }

        /// <summary>"wl-copy", "Set-Clipboard"... when copied; otherwise why not, as a sentence.</summary>
        public string Description { get; }

        public static ClipboardCopy With(string tool) => new ClipboardCopy(true, tool);

        public static ClipboardCopy NotCopied(string why) => new ClipboardCopy(false, why);
    }
}
