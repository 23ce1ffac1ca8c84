namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// A finding's fix with a command to copy: the command is a line of its own, indented by four
    /// spaces (the convention the views and the report file print whole, never wrapped).
    /// </summary>
    internal static class FixText
    {
        public static string Run(string words, string command) => words + "\n    " + command;
    }
}
