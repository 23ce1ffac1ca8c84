namespace EspriSsh.Core.Interaction
{
    /// <summary>One answer of a choice prompt: a short label (with &amp; before its hot key) and what it does.</summary>
    public sealed class Choice
    {
        public Choice(string label, string help)
        {
            Label = label;
            Help = help;
        }

        public string Label { get; }

        public string Help { get; }
    }
}
