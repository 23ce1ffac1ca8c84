using System;
using System.Collections.Generic;
using System.Text;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>
    /// misc.c's vdollar_percent_expand, strict as ssh is: ${VAR} from the environment ssh would see
    /// (an unset variable is an error), %x tokens from a given table (an unknown one, or a lone % at
    /// the end, is an error), "%%" a percent. Null is returned with ssh's words for the problem.
    /// </summary>
    internal sealed class SshExpansion
    {
        private readonly Func<string, string?> environment;

        public SshExpansion(Func<string, string?> environment) => this.environment = environment;

        public string? Dollar(string text, out string? problem) => Expand(text, dollar: true, null, out problem);

        public string? Percent(string text, IReadOnlyDictionary<char, string> tokens, out string? problem) => Expand(text, dollar: false, tokens, out problem);

        public string? PercentDollar(string text, IReadOnlyDictionary<char, string> tokens, out string? problem) => Expand(text, dollar: true, tokens, out problem);

        public string? Variable(string name) => environment(name);

        private string? Expand(string text, bool dollar, IReadOnlyDictionary<char, string>? tokens, out string? problem)
        {
            problem = null;
            var result = new StringBuilder();
            bool missing = false;
            for (int i = 0; i < text.Length; i++)
            {
                if (dollar && text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    int end = text.IndexOf('}', i + 2);
                    if (end < 0)
                    {
                        problem = $"environment variable '{text.Substring(i + 2)}' missing closing '}}'";
                        return null;
                    }

                    if (end == i + 2)
                    {
                        problem = "zero-length environment variable";
                        return null;
                    }

                    string name = text.Substring(i + 2, end - i - 2);
                    string? value = environment(name);
                    if (value == null)
                    {
                        problem ??= $"env var ${{{name}}} has no value";
                        missing = true;
                    }
                    else
                    {
                        result.Append(value);
                    }

                    i = end;
                    continue;
                }

                if (text[i] != '%' || tokens == null)
                {
                    result.Append(text[i]);
                    continue;
                }

                if (++i >= text.Length)
                {
                    problem = "invalid format";
                    return null;
                }

                if (text[i] == '%')
                {
                    result.Append('%');
                }
                else if (tokens.TryGetValue(text[i], out string? replacement))
                {
                    result.Append(replacement);
                }
                else
                {
                    problem = "unknown key %" + text[i];
                    return null;
                }
            }

            return missing ? null : result.ToString();
        }
    }
}
