using System.Collections.Generic;
using System.Text;

namespace EspriSsh.Core.Config
{
    /// <summary>ssh's %-tokens (%h, %r, %u, %d...): "%%" is a percent, unknown tokens stay as written.</summary>
    internal static class SshTokens
    {
        public static string Expand(string value, IReadOnlyDictionary<char, string> tokens)
        {
            if (value.IndexOf('%') < 0)
            {
                return value;
            }

            var result = new StringBuilder();
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] != '%' || i + 1 >= value.Length)
                {
                    result.Append(value[i]);
                    continue;
                }

                char token = value[++i];
                if (token == '%')
                {
                    result.Append('%');
                }
                else if (tokens.TryGetValue(token, out string? replacement))
                {
                    result.Append(replacement);
                }
                else
                {
                    result.Append('%').Append(token);
                }
            }

            return result.ToString();
        }
    }
}
