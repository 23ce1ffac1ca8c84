using System;
using System.Globalization;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// A ProxyJump value as readconf.c's parse_jump takes it: the last host of "a,b,c" is the one ssh
    /// reaches the target through ([user@]host[:port] or ssh://user@host:port); the ones before it
    /// are handed on as -J. `ssh -G` prints it back as extra,user@host:port (a numeric host in brackets).
    /// </summary>
    internal sealed class SshJump
    {
        // Read for every ProxyJump line of a config: one array each, not one per call.
        private static readonly char[] Blanks = { ' ', '\t', '\r', '\n' };
        private static readonly char[] PortOrPath = { ':', '/' };

        private SshJump(string? user, string host, int port, string? extra)
        {
            User = user;
            Host = host;
            Port = port;
            Extra = extra;
        }

        public string? User { get; }

        public string Host { get; }

        /// <summary>-1 when none is given.</summary>
        public int Port { get; }

        /// <summary>The jump hosts before the last one ("a,b" of "a,b,c"); null when there is one.</summary>
        public string? Extra { get; }

        /// <summary>Checks every element of the list; false when ssh says "Invalid ProxyJump". <paramref name="jump"/> is null for "none".</summary>
        public static bool TryParse(string value, out SshJump? jump)
        {
            jump = null;
            string text = value;
            int hash = text.IndexOf('#');
            if (hash >= 0)
            {
                text = text.Substring(0, hash);
            }

            text = text.TrimEnd(Blanks);
            if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            string[] hosts = text.Split(',');
            SshJump? last = null;
            for (int i = hosts.Length - 1; i >= 0; i--)
            {
                SshJump? parsed = ParseOne(hosts[i]);
                if (parsed == null)
                {
                    return false;
                }

                last ??= parsed;
            }

            int comma = value.LastIndexOf(',');
            jump = new SshJump(last!.User, last.Host, last.Port, comma > 0 ? value.Substring(0, comma) : null);
            return true;
        }

        /// <summary>As `ssh -G` prints it.</summary>
        public override string ToString()
        {
            bool numeric = Host.IndexOf(':') >= 0 || Host.Trim("0123456789.".ToCharArray()).Length == 0;
            return (Extra == null ? "" : Extra + ",") + (User == null ? "" : User + "@")
                + (numeric ? "[" + Host + "]" : Host) + (Port <= 0 ? "" : ":" + Port.ToString(CultureInfo.InvariantCulture));
        }

        private static SshJump? ParseOne(string element)
        {
            if (element.StartsWith("ssh://", StringComparison.Ordinal))
            {
                return ParseUri(element.Substring(6));
            }

            string rest = element;
            string? user = null;
            int at = rest.LastIndexOf('@');
            if (at >= 0)
            {
                if (at == 0)
                {
                    return null;
                }

                user = rest.Substring(0, at);
                rest = rest.Substring(at + 1);
            }

            if (!HostAndPort(rest, out string? host, out string? portText, out char delimiter) || delimiter == '/')
            {
                return null;
            }

            int port = -1;
            if (!string.IsNullOrEmpty(portText) && (port = SshValueSyntax.Port(portText!)) <= 0)
            {
                return null;
            }

            return new SshJump(user, host!, port, null);
        }

        /// <summary>parse_uri("ssh", ...): user[;params]@host[:port], no path, the host a valid domain.</summary>
        private static SshJump? ParseUri(string rest)
        {
            string? user = null;
            int at = rest.IndexOf('@');
            if (at >= 0)
            {
                string info = rest.Substring(0, at);
                int semicolon = info.IndexOf(';');
                user = Uri.UnescapeDataString(semicolon >= 0 ? info.Substring(0, semicolon) : info);
                if (user.Length == 0)
                {
                    return null;
                }

                rest = rest.Substring(at + 1);
            }

            if (!HostAndPort(rest, out string? host, out string? tail, out char delimiter)
                || SshValueSyntax.DomainProblem(host!) != null)
            {
                return null;
            }

            int port = -1;
            if (!string.IsNullOrEmpty(tail))
            {
                string portText = tail!;
                string? path = null;
                if (delimiter == ':')
                {
                    int slash = portText.IndexOf('/');
                    if (slash >= 0)
                    {
                        path = portText.Substring(slash + 1);
                        portText = portText.Substring(0, slash);
                    }

                    if ((port = SshValueSyntax.Port(portText)) <= 0)
                    {
                        return null;
                    }
                }
                else
                {
                    path = portText;
                }

                if (!string.IsNullOrEmpty(path))
                {
                    return null; // ProxyJump takes no path
                }
            }

            return new SshJump(user, host!, port, null);
        }

        /// <summary>hpdelim2: "[v6]" or up to the first ':' or '/'; the host with its brackets removed.</summary>
        private static bool HostAndPort(string text, out string? host, out string? rest, out char delimiter)
        {
            host = rest = null;
            delimiter = '\0';
            int end;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                int close = text.IndexOf(']');
                if (close < 0)
                {
                    return false;
                }

                end = close + 1;
            }
            else
            {
                end = text.IndexOfAny(PortOrPath);
                if (end < 0)
                {
                    end = text.Length;
                }
            }

            if (end < text.Length)
            {
                delimiter = text[end];
                if (delimiter != ':' && delimiter != '/')
                {
                    return false;
                }

                rest = text.Substring(end + 1);
            }

            string raw = text.Substring(0, end);
            if (raw.Length == 0)
            {
                return false;
            }

            host = raw.StartsWith("[", StringComparison.Ordinal) && raw.EndsWith("]", StringComparison.Ordinal) ? raw.Substring(1, raw.Length - 2) : raw;
            return true;
        }
    }
}
