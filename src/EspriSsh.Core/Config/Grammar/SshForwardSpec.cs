using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>
    /// readconf.c's parse_forward as a check: "[listenhost:]listenport|listenpath:connecthost:connectport|connectpath"
    /// (LocalForward, RemoteForward) or "[listenhost:]listenport" (DynamicForward, RemoteForward with one
    /// argument). ${VAR} is expanded first, so an unset variable makes the forward bad, as for ssh.
    /// </summary>
    internal static class SshForwardSpec
    {
        private const int MaxHost = 1025;   // NI_MAXHOST
        private const int MaxSocketPath = 104;   // PATH_MAX_SUN, the smallest (BSD, macOS) sun_path

        public static bool IsValid(string spec, bool dynamic, bool remote, SshExpansion expansion)
        {
            string? expanded = expansion.Dollar(spec, out _);
            if (expanded == null)
            {
                return false;
            }

            List<(string Arg, bool IsPath)>? fields = Fields(expanded.TrimStart(' ', '\t', '\n', '\r', '\f', '\v'));
            if (fields == null)
            {
                return false;
            }

            int n = fields.Count;
            bool Path(int i) => fields[i].IsPath;
            int PortOf(int i) => SshValueSyntax.Port(fields[i].Arg);
            string? listenPath = null, connectPath = null, listenHost = null, connectHost = null;
            int listenPort = 0, connectPort = 0;
            switch (n)
            {
                case 1:
                    if (Path(0)) { listenPath = fields[0].Arg; listenPort = -2; } else { listenPort = PortOf(0); }
                    connectHost = "socks";
                    break;
                case 2:
                    if (Path(0) && Path(1)) { listenPath = fields[0].Arg; listenPort = -2; connectPath = fields[1].Arg; connectPort = -2; }
                    else if (Path(1)) { listenPort = PortOf(0); connectPath = fields[1].Arg; connectPort = -2; }
                    else { listenHost = fields[0].Arg; listenPort = PortOf(1); connectHost = "socks"; }
                    break;
                case 3:
                    if (Path(0)) { listenPath = fields[0].Arg; listenPort = -2; connectHost = fields[1].Arg; connectPort = PortOf(2); }
                    else if (Path(2)) { listenHost = fields[0].Arg; listenPort = PortOf(1); connectPath = fields[2].Arg; connectPort = -2; }
                    else { listenPort = PortOf(0); connectHost = fields[1].Arg; connectPort = PortOf(2); }
                    break;
                case 4:
                    listenHost = fields[0].Arg; listenPort = PortOf(1); connectHost = fields[2].Arg; connectPort = PortOf(3);
                    break;
                default:
                    return false;
            }

            if (dynamic)
            {
                if (n != 1 && n != 2)
                {
                    return false;
                }
            }
            else
            {
                if (n != 3 && n != 4 && connectPath == null && listenPath == null)
                {
                    return false;
                }

                if (connectPort <= 0 && connectPath == null)
                {
                    return false;
                }
            }

            if ((listenPort < 0 && listenPath == null) || (!remote && listenPort == 0))
            {
                return false;
            }

            return (connectHost == null || connectHost.Length < MaxHost) && (connectPath == null || connectPath.Length < MaxSocketPath)
                && (listenHost == null || listenHost.Length < MaxHost) && (listenPath == null || listenPath.Length < MaxSocketPath);
        }

        /// <summary>parse_fwd_field over the whole text: up to four fields; null on trailing garbage or a bad bracket.</summary>
        private static List<(string, bool)>? Fields(string text)
        {
            var fields = new List<(string, bool)>();
            int i = 0;
            while (fields.Count < 4 && i < text.Length)
            {
                bool isPath = false;
                if (text[i] == '[')
                {
                    int close = text.IndexOf(']', i + 1);
                    if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
                    {
                        return null;
                    }

                    string literal = text.Substring(i + 1, close - i - 1);
                    fields.Add((literal, literal.Contains('/')));
                    i = close + 1 < text.Length ? close + 2 : close + 1;
                    continue;
                }

                var field = new System.Text.StringBuilder();
                bool ended = false;
                for (; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c == '\\')
                    {
                        if (++i >= text.Length)
                        {
                            return null;
                        }

                        // The escaped character is taken as it is, not looked at for ':' or '/'.
                        field.Append(text[i]);
                        continue;
                    }

                    if (c == ':')
                    {
                        i++;
                        ended = true;
                        break;
                    }

                    isPath |= c == '/';
                    field.Append(c);
                }

                fields.Add((field.ToString(), isPath));
                if (!ended)
                {
                    break;
                }
            }

            return i < text.Length ? null : fields;
        }
    }
}
