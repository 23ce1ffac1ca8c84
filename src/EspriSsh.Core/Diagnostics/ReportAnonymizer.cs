using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// -Anonymize: replaces the login, the local account, the home path and the local computer name
    /// with placeholders everywhere, including tool output (ssh -G, the ssh -vvv log).
    /// </summary>
    internal sealed class ReportAnonymizer
    {
        // Shorter values ("al") would also match inside ordinary words: those match whole words only.
        private const int WholeWordBelow = 4;

        private readonly List<(Regex Pattern, string Placeholder)> replacements;

        private ReportAnonymizer(List<(Regex, string)> replacements) => this.replacements = replacements;

        public static ReportAnonymizer For(DebugReportRequest request, IEnumerable<string> otherLogins)
        {
            var values = new List<(string Value, string Placeholder)>();
            foreach (string home in Homes())
            {
                values.Add((home, "<HOME>"));
                values.Add((home.Replace('\\', '/'), "<HOME>"));
                if (home.Length > 2 && home[1] == ':')
                {
                    // Git's and MobaXterm's ssh write C:\Users\x as /c/Users/x.
                    values.Add(("/" + char.ToLowerInvariant(home[0]) + home.Substring(2).Replace('\\', '/'), "<HOME>"));
                }
            }

            foreach (string name in LocalHostNames())
            {
                values.Add((name, "<LOCAL-HOST>"));
            }

            if (!string.IsNullOrEmpty(request.Login))
            {
                values.Add((request.Login!, "<LOGIN>"));
            }

            foreach (string login in otherLogins)
            {
                values.Add((login, "<LOGIN>"));
            }

            values.Add((Environment.UserName, "<USER>"));

            var patterns = values
                .Where(v => v.Value.Trim().Length >= 2)
                .GroupBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .OrderByDescending(v => v.Value.Length)
                .Select(v => (new Regex(v.Value.Length < WholeWordBelow
                    ? @"(?<![A-Za-z0-9])" + Regex.Escape(v.Value) + @"(?![A-Za-z0-9])"
                    : Regex.Escape(v.Value), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), v.Placeholder))
                .ToList();
            return new ReportAnonymizer(patterns);
        }

        // Fingerprints are evidence: a login or host name that happens to occur inside one stays.
        private static readonly Regex Fingerprint = new Regex(@"(SHA256:[A-Za-z0-9+/]{43})", RegexOptions.CultureInvariant);

        public string Apply(string text)
        {
            string[] parts = Fingerprint.Split(text);
            for (int i = 0; i < parts.Length; i += 2)
            {
                foreach ((Regex pattern, string placeholder) in replacements)
                {
                    parts[i] = pattern.Replace(parts[i], placeholder);
                }
            }

            return string.Concat(parts);
        }

        private static IEnumerable<string> Homes()
        {
            var homes = new[]
            {
                HostPlatform.HomeDirectory,
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                Environment.GetEnvironmentVariable("HOME"),
                Environment.GetEnvironmentVariable("USERPROFILE"),
            };
            return homes.Where(h => !string.IsNullOrEmpty(h) && h!.Trim('/', '\\').Length > 0).Select(h => h!.TrimEnd('/', '\\'));
        }

        private static IEnumerable<string> LocalHostNames()
        {
            yield return Environment.MachineName;
            string? dnsName = null;
            try
            {
                dnsName = Dns.GetHostName();
            }
            catch (SocketException)
            {
                // No name service: the machine name above is all there is.
            }

            if (dnsName != null)
            {
                yield return dnsName;
                yield return dnsName.Split('.')[0];
            }
        }
    }
}
