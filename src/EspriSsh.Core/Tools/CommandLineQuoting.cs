using System.Text;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// Quotes one argument by the rules .NET and the Windows C runtime use to split a command line
    /// (netstandard2.0 has no ArgumentList), so paths with spaces and quotes reach the program intact.
    /// </summary>
    public static class CommandLineQuoting
    {
        public static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
            {
                return argument;
            }

            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                // Backslashes are literal unless they precede a quote: then they are doubled.
                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                quoted.Append(c);
            }

            quoted.Append('\\', backslashes * 2).Append('"');
            return quoted.ToString();
        }
    }
}
