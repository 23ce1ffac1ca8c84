using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>
    /// The small value readers of OpenSSH's misc.c that ssh_config arguments go through: convtime,
    /// a2port (a number or a service name from the services file), strtonum, scan_scaled, a2tun,
    /// parse_ipqos, the escape character, log level and facility names, valid_domain, env names.
    /// </summary>
    internal static class SshValueSyntax
    {
        private static readonly string[] LogLevels = { "QUIET", "FATAL", "ERROR", "INFO", "VERBOSE", "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3" };
        private static readonly string[] Facilities = { "DAEMON", "USER", "AUTH", "AUTHPRIV", "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7" };
        private static readonly string[] Digests = { "MD5", "SHA1", "SHA256", "SHA384", "SHA512" };
        private static readonly string[] IpQosNames =
        {
            "none", "af11", "af12", "af13", "af21", "af22", "af23", "af31", "af32", "af33", "af41", "af42", "af43",
            "cs0", "cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cs7", "ef", "le", "lowdelay", "throughput", "reliability",
        };

        private static readonly Regex Scaled = new Regex("^-?[0-9]+(\\.[0-9]+)?[BKMGTPE]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Lazy<Dictionary<string, int>> Services = new Lazy<Dictionary<string, int>>(ReadServices);

        /// <summary>convtime(3): "90", "1h30m", "2W"...; -1 when invalid.</summary>
        public static long ConvTime(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return -1;
            }

            long total = 0;
            int i = 0;
            while (i < text!.Length)
            {
                int start = i;
                if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                while (i < text.Length && char.IsDigit(text[i]) && text[i] < 128)
                {
                    i++;
                }

                if (i == start || !long.TryParse(text.Substring(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < 0)
                {
                    return -1;
                }

                long multiplier = 1;
                if (i < text.Length)
                {
                    switch (char.ToLowerInvariant(text[i++]))
                    {
                        case 's': break;
                        case 'm': multiplier = 60; break;
                        case 'h': multiplier = 3600; break;
                        case 'd': multiplier = 86400; break;
                        case 'w': multiplier = 604800; break;
                        default: return -1;
                    }
                }

                if (value > int.MaxValue / multiplier || total > int.MaxValue - (value * multiplier))
                {
                    return -1;
                }

                total += value * multiplier;
            }

            return total;
        }

        /// <summary>a2port: 0..65535 or a TCP service name; -1 when neither. ssh then wants more than 0.</summary>
        public static int Port(string text)
        {
            if (StrToNum(text, 0, 65535, out long port) == null)
            {
                return (int)port;
            }

            return Services.Value.TryGetValue(text, out int service) ? service : -1;
        }

        /// <summary>strtonum(3): null when <paramref name="text"/> is a decimal in range, else "invalid", "too small" or "too large".</summary>
        public static string? StrToNum(string? text, long min, long max, out long value)
        {
            value = 0;
            string trimmed = (text ?? "").TrimStart(' ', '\t', '\n', '\r', '\f', '\v');
            if (trimmed.Length == 0 || !long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
            {
                bool digits = Regex.IsMatch(trimmed, "^[+-]?[0-9]+$");
                return digits ? (trimmed.StartsWith("-", StringComparison.Ordinal) ? "too small" : "too large") : "invalid";
            }

            if (parsed < min)
            {
                return "too small";
            }

            if (parsed > max)
            {
                return "too large";
            }

            value = parsed;
            return null;
        }

        /// <summary>scan_scaled(3) as RekeyLimit reads it: the byte count, or null with strerror's words.</summary>
        public static string? ScanScaled(string text, out double bytes)
        {
            bytes = 0;
            if (!Scaled.IsMatch(text))
            {
                return "Invalid argument";
            }

            char last = char.ToUpperInvariant(text[text.Length - 1]);
            int power = "BKMGTPE".IndexOf(last);
            string number = power >= 0 ? text.Substring(0, text.Length - 1) : text;
            bytes = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * Math.Pow(1024, Math.Max(0, power));
            return Math.Abs(bytes) > long.MaxValue ? "Numerical result out of range" : null;
        }

        /// <summary>a2tun "local[:remote]": each "any" or 0..0x7fffffff-2.</summary>
        public static bool IsTunnelDevice(string text) => text.Split(new[] { ':' }, 2).All(part =>
            part.Equals("any", StringComparison.OrdinalIgnoreCase) || StrToNum(part, 0, 0x7fffffff - 2, out _) == null);

        public static bool IsIpQos(string? text)
        {
            if (text == null)
            {
                return false;
            }

            if (IpQosNames.Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            // strtol(cp, &ep, 0): decimal, 0x hex or 0 octal, 0..255.
            return TryParseCNumber(text, out long value) && value >= 0 && value <= 255;
        }

        /// <summary>EscapeChar: "none", one character, or ^ and a letter.</summary>
        public static bool IsEscapeChar(string text) =>
            text == "none" || text.Length == 1 || (text.Length == 2 && text[0] == '^' && text[1] >= 64 && text[1] < 128);

        public static bool IsLogLevel(string? text) => text != null && LogLevels.Contains(text, StringComparer.OrdinalIgnoreCase);

        public static bool IsSyslogFacility(string? text) => text != null && Facilities.Contains(text, StringComparer.OrdinalIgnoreCase);

        public static bool IsDigest(string text) => Digests.Contains(text, StringComparer.OrdinalIgnoreCase);

        /// <summary>valid_domain: null when fine, else ssh's reason.</summary>
        public static string? DomainProblem(string name)
        {
            if (name.Length == 0)
            {
                return "empty domain name";
            }

            if (!IsAsciiLetterOrDigit(name[0]))
            {
                return $"domain name \"{name}\" starts with invalid character";
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = char.ToLowerInvariant(name[i]);
                if (i > 0 && c == '.' && name[i - 1] == '.')
                {
                    return $"domain name \"{name.ToLowerInvariant()}\" contains consecutive separators";
                }

                if (c != '.' && c != '-' && c != '_' && !IsAsciiLetterOrDigit(c))
                {
                    return $"domain name \"{name.ToLowerInvariant()}\" contains invalid characters";
                }
            }

            return null;
        }

        public static bool IsEnvName(string name) => name.Length > 0 && name.All(c => IsAsciiLetterOrDigit(c) || c == '_');

        /// <summary>strtol with base 0 (decimal, 0x hexadecimal, 0 octal), the whole text.</summary>
        public static bool TryParseCNumber(string text, out long value)
        {
            value = 0;
            string t = text.Trim();
            bool negative = t.StartsWith("-", StringComparison.Ordinal);
            string digits = negative || t.StartsWith("+", StringComparison.Ordinal) ? t.Substring(1) : t;
            try
            {
                if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && digits.Length > 2)
                {
                    value = Convert.ToInt64(digits.Substring(2), 16);
                }
                else if (digits.Length > 1 && digits[0] == '0')
                {
                    value = Convert.ToInt64(digits, 8);
                }
                else if (digits.Length > 0 && digits.All(c => c >= '0' && c <= '9'))
                {
                    value = long.Parse(digits, CultureInfo.InvariantCulture);
                }
                else
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is OverflowException || ex is ArgumentException)
            {
                return false;
            }

            value = negative ? -value : value;
            return true;
        }

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        /// <summary>getservbyname(name, "tcp") reads the services file; there is none to read on some systems.</summary>
        private static Dictionary<string, int> ReadServices()
        {
            var services = new Dictionary<string, int>(StringComparer.Ordinal);
            string path = Platform.HostPlatform.IsWindows
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.System), "drivers", "etc", "services")
                : "/etc/services";
            try
            {
                foreach (string line in File.ReadLines(path))
                {
                    string[] fields = line.Split('#')[0].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length < 2 || !fields[1].EndsWith("/tcp", StringComparison.Ordinal)
                        || !int.TryParse(fields[1].Substring(0, fields[1].Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                    {
                        continue;
                    }

                    foreach (string name in fields.Where((_, i) => i != 1))
                    {
                        if (!services.ContainsKey(name))
                        {
                            services[name] = port;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // No services file: only numbers are ports.
            }

            return services;
        }
    }
}
