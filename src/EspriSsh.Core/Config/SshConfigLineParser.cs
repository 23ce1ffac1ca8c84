using System.Collections.Generic;
using System.Text;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Splits a line the way OpenSSH's readconf.c does (strdelim for the keyword, argv_split for the
    /// arguments): "Key Value", "Key=Value", "Key = Value"; double or single quotes; a backslash escapes
    /// a quote, a backslash or (outside quotes) a space; an unquoted word starting with '#' ends the line.
    /// </summary>
    internal static class SshConfigLineParser
    {
        private const string Whitespace = " \t\r\n";

        public static void Fill(SshConfigLine line, string text)
        {
            int end = text.Length;
            while (end > 0 && (Whitespace.IndexOf(text[end - 1]) >= 0 || text[end - 1] == '\f'))
            {
                end--;
            }

            int i = 0;
            while (i < end && Whitespace.IndexOf(text[i]) >= 0)
            {
                i++;
            }

            if (i >= end || text[i] == '#')
            {
                line.SetBlank(comment: i < end);
                return;
            }

            int keywordStart = i;
            while (i < end && Whitespace.IndexOf(text[i]) < 0 && text[i] != '=' && text[i] != '"')
            {
                i++;
            }

            string keyword = text.Substring(keywordStart, i - keywordStart);
            bool sawEquals = i < end && text[i] == '=';
            if (i < end)
            {
                i++;
            }

            while (i < end && Whitespace.IndexOf(text[i]) >= 0)
            {
                i++;
            }

            if (!sawEquals && i < end && text[i] == '=')
            {
                i++;
                while (i < end && Whitespace.IndexOf(text[i]) >= 0)
                {
                    i++;
                }
            }

            int valueStart = i > end ? end : i;
            string rawValue = text.Substring(valueStart, end - valueStart);
            line.SetDirective(keyword, valueStart, rawValue, SplitArguments(rawValue));
        }

        /// <summary>argv_split(3) with terminate_on_comment; null when a quote is not closed.</summary>
        public static List<string>? SplitArguments(string s)
        {
            var result = new List<string>();
            int i = 0;
            while (i < s.Length)
            {
                if (s[i] == ' ' || s[i] == '\t')
                {
                    i++;
                    continue;
                }

                if (s[i] == '#')
                {
                    break;
                }

                // Most words hold no quote and no backslash: they are the text itself.
                int plainEnd = i;
                while (plainEnd < s.Length && s[plainEnd] != ' ' && s[plainEnd] != '\t' && s[plainEnd] != '"' && s[plainEnd] != '\'' && s[plainEnd] != '\\')
                {
                    plainEnd++;
                }

                if (plainEnd == s.Length || s[plainEnd] == ' ' || s[plainEnd] == '\t')
                {
                    result.Add(i == 0 && plainEnd == s.Length ? s : s.Substring(i, plainEnd - i));
                    i = plainEnd;
                    continue;
                }

                var arg = new StringBuilder();
                char quote = '\0';
                for (; i < s.Length; i++)
                {
                    char c = s[i];
                    if (c == '\\' && i + 1 < s.Length && (s[i + 1] == '\'' || s[i + 1] == '"' || s[i + 1] == '\\' || (quote == '\0' && s[i + 1] == ' ')))
                    {
                        arg.Append(s[++i]);
                    }
                    else if (quote == '\0' && (c == ' ' || c == '\t'))
                    {
                        break;
                    }
                    else if (quote == '\0' && (c == '"' || c == '\''))
                    {
                        quote = c;
                    }
                    else if (quote != '\0' && c == quote)
                    {
                        quote = '\0';
                    }
                    else
                    {
                        arg.Append(c);
                    }
                }

                if (quote != '\0')
                {
                    return null;
                }

                result.Add(arg.ToString());
            }

            return result;
        }

        /// <summary>Writes a value so that <see cref="SplitArguments"/> reads it back as one argument.</summary>
        public static string Quote(string value)
        {
            bool plain = value.Length > 0;
            foreach (char c in value)
            {
                plain &= c != ' ' && c != '\t' && c != '"' && c != '\'' && c != '#' && c != '\\';
            }

            if (plain)
            {
                return value;
            }

            // Inside quotes a backslash only escapes a quote, another backslash or the closing quote.
            var quoted = new StringBuilder("\"");
            for (int k = 0; k < value.Length; k++)
            {
                char c = value[k];
                char next = k + 1 < value.Length ? value[k + 1] : '"';
                if (c == '"' || (c == '\\' && (next == '\\' || next == '"' || next == '\'')))
                {
                    quoted.Append('\\');
                }

                quoted.Append(c);
            }

            return quoted.Append('"').ToString();
        }
    }
}
