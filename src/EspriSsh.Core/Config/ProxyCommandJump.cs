using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Reads a ProxyCommand of the form the site page (and Set-EspriSshConfig -UseProxyCommand) writes,
    /// `ssh spirit1 -W %h:%p`, as the jump it means, so the test goes through the same jump host ssh
    /// would. Any other ProxyCommand is refused: testing straight to the target would test another path
    /// than the user's.
    /// </summary>
    public static class ProxyCommandJump
    {
        // ssh options that take a value; the ones that matter for the jump are -l, -p.
        private const string OptionsWithValue = "BbcDEeFIiJLlmOoPpQRSWw";

        /// <summary>The equivalent ProxyJump value ([user@]host[:port]), or null for another kind of command.</summary>
        public static string? TryToJump(string proxyCommand)
        {
            try
            {
                return ToJump(proxyCommand);
            }
            catch (EspriException)
            {
                return null;
            }
        }

        /// <summary>The equivalent ProxyJump value ([user@]host[:port]).</summary>
        public static string ToJump(string proxyCommand)
        {
            string[] words = proxyCommand.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim('"', '\'')).ToArray();
            string program = words.Length == 0 ? "" : words[0].Replace('\\', '/');
            string name = program.Substring(program.LastIndexOf('/') + 1);
            if (name != "ssh" && name != "ssh.exe")
            {
                throw Unsupported(proxyCommand);
            }

            string? host = null, user = null, port = null, forward = null;
            for (int i = 1; i < words.Length; i++)
            {
                string w = words[i];
                if (w.Length >= 2 && w[0] == '-')
                {
                    char option = w[1];
                    string? value = null;
                    if (OptionsWithValue.IndexOf(option) >= 0)
                    {
                        value = w.Length > 2 ? w.Substring(2) : (i + 1 < words.Length ? words[++i] : null);
                    }

                    if (option == 'W') { forward = value; }
                    else if (option == 'l') { user = value; }
                    else if (option == 'p') { port = value; }
                    continue;
                }

                if (host != null)
                {
                    throw Unsupported(proxyCommand); // a remote command after the host
                }

                host = w;
            }

            if (host == null || forward != "%h:%p")
            {
                throw Unsupported(proxyCommand);
            }

            return (user != null && !host.Contains("@") ? user + "@" : "") + host + (port != null ? ":" + port : "");
        }

        private static EspriException Unsupported(string proxyCommand) => new EspriException(ErrorIds.ConfigInvalid,
            $"The ssh config runs 'ProxyCommand {proxyCommand}' for this host. Test-EspriConnection understands 'ssh <jump host> -W %h:%p' " +
            "(what Set-EspriSshConfig -UseProxyCommand writes) and ProxyJump; test this host with ssh itself, or use ProxyJump.", proxyCommand);
    }
}
