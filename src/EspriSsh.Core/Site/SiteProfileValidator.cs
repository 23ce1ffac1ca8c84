using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Site
{
    /// <summary>
    /// Every field of a profile checked before use: a profile is data from a file anyone may hand to
    /// the module, and its values end up in ~/.ssh/config lines, ssh command lines, known_hosts and
    /// messages. An alias is a plain name (no pattern, no space), a host is a DNS name or an address,
    /// a port is a port, a fingerprint is SHA256:..., and no text holds a control character (a
    /// newline in an alias would write any line into the user's config). The first bad field refuses
    /// the whole file, named in the error.
    /// </summary>
    internal static class SiteProfileValidator
    {
        // The names are checked character by character rather than by Regex: every command validates
        // the profile, and a process's first Regex pays for starting the regex parser (issue 28).
        // HandWrittenPatternTests compares each check with the pattern it stands for.

        /// <summary>
        /// ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z. An alias is written as "Host &lt;alias&gt;" and typed as
        /// "ssh &lt;alias&gt;": no ssh pattern characters (* ? ! ,), no space, nothing that starts like an option.
        /// </summary>
        internal static bool IsAlias(string value) => IsName(value, 64, upperCase: true, "._-");

        /// <summary>^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z.</summary>
        internal static bool IsDnsLabel(string value) => IsName(value, 63, upperCase: true, "-") && IsLetterOrDigit(value[value.Length - 1], upperCase: true);

        /// <summary>^[a-z0-9][a-z0-9@.-]{0,63}\z.</summary>
        internal static bool IsKeyType(string value) => IsName(value, 64, upperCase: false, "@.-");

        /// <summary>^SHA256:[A-Za-z0-9+/]{43}\z: what ssh-keygen -l prints.</summary>
        internal static bool IsSha256Fingerprint(string value)
        {
            const string Prefix = "SHA256:";
            if (value.Length != Prefix.Length + 43 || !value.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            for (int i = Prefix.Length; i < value.Length; i++)
            {
                if (!IsLetterOrDigit(value[i], upperCase: true) && value[i] != '+' && value[i] != '/')
                {
                    return false;
                }
            }

            return true;
        }

        public static void Validate(SiteProfile profile, string source)
        {
            void Require(bool ok, string field, string problem)
            {
                if (!ok)
                {
                    throw Invalid(source, field, problem);
                }
            }

            void Text(string? value, string field, bool required = false)
            {
                Require(!required || !string.IsNullOrWhiteSpace(value), field, "is missing");
                Require(UntrustedText.IsSafe(value), field,
                    $"holds a control, text-direction or line-separator character ({UntrustedText.UnsafeCharacters(value)}): a line break, a tab, an escape, a bidi override...");
            }

            // JSON may say null where the type says never.
            Require(Present(profile.Support), "support", "is missing");
            Require(Present(profile.Hosts), "hosts", "is missing");
            Require(Present(profile.HostKeyFingerprints), "hostKeyFingerprints", "is null (leave it out or give [])");
            Require(Present(profile.KeyPolicy), "keyPolicy", "is missing");
            Text(profile.Name, "name", required: true);
            Text(profile.Description, "description");
            Text(profile.DocumentationUrl, "documentationUrl");
            Require(profile.DocumentationUrl == null || IsWebAddress(profile.DocumentationUrl), "documentationUrl", "is not an http(s) address");
            Text(profile.Support.Address, "support.address");
            Text(profile.Support.ReportSubject, "support.reportSubject");
            Text(profile.Support.AccountFormUrl, "support.accountFormUrl");
            Require(profile.Support.AccountFormUrl == null || IsWebAddress(profile.Support.AccountFormUrl), "support.accountFormUrl", "is not an http(s) address");
            Text(profile.Support.ReportFileName, "support.reportFileName", required: true);
            Require(IsPlainFileName(profile.Support.ReportFileName), "support.reportFileName", "must be a file name, without a folder");

            Require(profile.Hosts.Count > 0, "hosts", "lists no host");
            for (int i = 0; i < profile.Hosts.Count; i++)
            {
                SiteHost host = profile.Hosts[i];
                string at = $"hosts[{i}]";
                Require(host != null, at, "is empty");
                Text(host!.Alias, at + ".alias", required: true);
                Require(IsAlias(host.Alias), at + ".alias", $"'{host.Alias}' is not a plain host alias (letters, digits, '.', '_', '-'; no space or pattern character)");
                Text(host.HostName, at + ".hostName", required: true);
                Require(IsHostName(host.HostName), at + ".hostName", $"'{host.HostName}' is neither a DNS name nor an IP address");
                Require(host.Port >= 1 && host.Port <= 65535, at + ".port", $"{host.Port} is not a TCP port (1 to 65535)");
                Require(Enum.IsDefined(typeof(SiteHostRole), host.Role), at + ".role", "is not HeadNode or Remote");
                Text(host.Via, at + ".via");
                Require(host.Via == null || profile.FindHost(host.Via) != null, at + ".via", $"'{host.Via}' is not one of the profile's hosts");
                Text(host.Description, at + ".description");
            }

            RequireNoViaLoop(profile, source);

            Text(profile.DefaultHeadNode, "defaultHeadNode", required: true);
            Require(profile.FindHost(profile.DefaultHeadNode)?.Role == SiteHostRole.HeadNode, "defaultHeadNode",
                $"'{profile.DefaultHeadNode}' is not one of its head nodes");

            for (int i = 0; i < profile.HostKeyFingerprints.Count; i++)
            {
                HostKeyFingerprint print = profile.HostKeyFingerprints[i];
                string at = $"hostKeyFingerprints[{i}]";
                Require(print != null, at, "is empty");
                Require(IsHostName(print!.HostName), at + ".hostName", $"'{UntrustedText.Escape(print.HostName)}' is neither a DNS name nor an IP address");
                Require(IsKeyType(print.KeyType ?? ""), at + ".keyType", $"'{UntrustedText.Escape(print.KeyType)}' is not an SSH key type name");
                Require(IsSha256Fingerprint(print.Fingerprint ?? ""), at + ".fingerprint", "is not in the form SHA256:<43 base64 characters> (what ssh-keygen -l prints)");
            }

            Require(profile.KeyPolicy.Count > 0, "keyPolicy", "is empty");
            for (int i = 0; i < profile.KeyPolicy.Count; i++)
            {
                KeyPolicyRule rule = profile.KeyPolicy[i];
                string at = $"keyPolicy[{i}]";
                Require(rule != null, at, "is empty");
                Require(IsKeyType(rule!.Type ?? ""), at + ".type", $"'{UntrustedText.Escape(rule.Type)}' is not an SSH key type name");
                Require(Enum.IsDefined(typeof(KeyPolicyVerdict), rule.Verdict), at + ".verdict", "is not Preferred, Tolerated or Refused");
                Require(rule.MinimumBits == null || (rule.MinimumBits >= 0 && rule.MinimumBits <= 16384), at + ".minimumBits", "is not a key size");
                Text(rule.Reason, at + ".reason");
            }
        }

        /// <summary>
        /// A host reached through itself (a via b, b via a; or a via a) has no way in: named here as the
        /// profile's fault, before anything turns it into ProxyJump lines and blames the ssh config.
        /// </summary>
        private static void RequireNoViaLoop(SiteProfile profile, string source)
        {
            for (int i = 0; i < profile.Hosts.Count; i++)
            {
                var chain = new List<string> { profile.Hosts[i].Alias };
                for (SiteHost? next = profile.Hosts[i].Via == null ? null : profile.FindHost(profile.Hosts[i].Via!); next != null; next = next.Via == null ? null : profile.FindHost(next.Via))
                {
                    bool back = chain.Contains(next.Alias, StringComparer.OrdinalIgnoreCase);
                    chain.Add(next.Alias);
                    if (back)
                    {
                        throw Invalid(source, $"hosts[{i}].via", $"makes a loop ({string.Join(" via ", chain)}): a host cannot be reached through itself. Make the first host of the chain a head node reached directly (no via)");
                    }
                }
            }
        }

        // Checked through a call so the compiler keeps trusting the non-null types afterwards.
        private static bool Present(object? value) => value != null;

        public static EspriException Invalid(string source, string field, string problem) =>
            new EspriException(ErrorIds.SiteProfileInvalid,
                $"Site profile {UntrustedText.Quoted(source)} is not usable: {field} {problem}. Fix that field, or unset {SiteProfileLoader.EnvironmentVariable} (omit -Path) to use the built-in profile.", source);

        /// <summary>A DNS name (letters, digits, '-' inside labels, dots between) or an IPv4/IPv6 address.</summary>
        internal static bool IsHostName(string? name)
        {
            if (string.IsNullOrEmpty(name) || name!.Length > 253 || name.Any(c => c <= ' ' || c > '~')) // ASCII only (IDN names in punycode)
            {
                return false;
            }

            if (name.IndexOf(':') >= 0)
            {
                return IPAddress.TryParse(name, out IPAddress? v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            }

            return name.TrimEnd('.').Split('.').All(IsDnsLabel);
        }

        /// <summary>1 to <paramref name="maxLength"/> characters: the first an ASCII letter or digit, the others too or one of <paramref name="others"/>.</summary>
        private static bool IsName(string value, int maxLength, bool upperCase, string others)
        {
            if (value.Length == 0 || value.Length > maxLength || !IsLetterOrDigit(value[0], upperCase))
            {
                return false;
            }

            foreach (char c in value)
            {
                if (!IsLetterOrDigit(c, upperCase) && others.IndexOf(c) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsLetterOrDigit(char c, bool upperCase) =>
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upperCase && c >= 'A' && c <= 'Z');

        private static bool IsWebAddress(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

        private static bool IsPlainFileName(string name) =>
            name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0
            && name.IndexOfAny(new[] { '/', '\\', ':' }) < 0;
    }
}
