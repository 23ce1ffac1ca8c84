using System;
using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>
    /// readconf.c's process_config_line for every keyword but Host, Match and Include: the arguments
    /// are checked whether or not the section applies (a bad "Port x" under another host still makes
    /// ssh refuse the file), and stored only when it applies. Problems are recorded in ssh's words.
    /// </summary>
    internal sealed class SshDirectiveReader
    {
        private const int MaxIdentityFiles = 100;
        private const int MaxKnownHostsFiles = 16;
        private const int MaxCanonicalDomains = 32;
        private static readonly string[] FlagWords = { "true", "false", "yes", "no" };

        private readonly SshOptionValues values;
        private readonly SshExpansion expansion;
        private readonly List<SshConfigProblem> problems;

        public SshDirectiveReader(SshOptionValues values, SshExpansion expansion, List<SshConfigProblem> problems)
        {
            this.values = values;
            this.expansion = expansion;
            this.problems = problems;
        }

        /// <summary>Reads one directive; false when ssh counts it as a bad option.</summary>
        public bool Read(SshKeyword keyword, SshConfigLine line, SshConfigLocation location, bool active)
        {
            IReadOnlyList<string> args = line.Arguments;
            string name = line.Keyword!.ToLowerInvariant();
            string? problem = Check(keyword, name, line, active, out int used);
            if (problem == null && used < args.Count)
            {
                problem = $"keyword {name} extra arguments at end of line";
            }

            if (problem != null)
            {
                problems.Add(new SshConfigProblem(location, problem));
                return false;
            }

            if (keyword.Kind == SshOptionKind.Unsupported)
            {
                problems.Add(new SshConfigProblem(location, $"Unsupported option \"{name}\"", refuses: false));
            }

            if (active)
            {
                Store(keyword, line, location);
            }

            return true;
        }

        private string? Check(SshKeyword keyword, string name, SshConfigLine line, bool active, out int used)
        {
            IReadOnlyList<string> args = line.Arguments;
            string? arg = args.Count > 0 ? args[0] : null;
            used = Math.Min(1, args.Count);
            switch (keyword.Kind)
            {
                case SshOptionKind.Ignore:
                case SshOptionKind.Deprecated:
                case SshOptionKind.Unsupported:
                case SshOptionKind.Command:
                    used = args.Count;
                    return null;
                case SshOptionKind.Choice:
                    return string.IsNullOrEmpty(arg) ? "missing argument."
                        : keyword.Choices!.Contains(arg, StringComparer.OrdinalIgnoreCase) ? null : $"unsupported option \"{arg}\".";
                case SshOptionKind.Integer:
                    string? number = string.IsNullOrEmpty(arg) ? "missing" : SshValueSyntax.StrToNum(arg, 0, int.MaxValue, out _);
                    return number == null ? null : $"integer value {number}.";
                case SshOptionKind.Time:
                    return SshArgumentChecks.Time(arg);
                case SshOptionKind.Port:
                    return string.IsNullOrEmpty(arg) ? "Missing argument." : SshValueSyntax.Port(arg!) > 0 ? null : $"Bad port '{arg}'.";
                case SshOptionKind.Text:
                case SshOptionKind.CertificateFile:
                    return string.IsNullOrEmpty(arg) ? "Missing argument." : null;
                case SshOptionKind.IdentityFile:
                    return string.IsNullOrEmpty(arg) ? "Missing argument."
                        : active && values.Count("identityfile") >= MaxIdentityFiles ? $"Too many identity files specified (max {MaxIdentityFiles})." : null;
                case SshOptionKind.FileList:
                case SshOptionKind.WordList:
                case SshOptionKind.CanonicalDomains:
                    used = args.Count;
                    return SshArgumentChecks.List(name, args, keyword.Kind == SshOptionKind.CanonicalDomains) ?? TooMany(keyword, name, args, active);
                case SshOptionKind.ProxyJump:
                    used = args.Count;
                    return SshJump.TryParse(line.WholeValue, out _) ? null : $"Invalid ProxyJump \"{line.WholeValue}\"";
                case SshOptionKind.ForwardAgent:
                    return string.IsNullOrEmpty(arg) ? "missing argument."
                        : FlagWords.Contains(arg, StringComparer.OrdinalIgnoreCase) ? null : SshArgumentChecks.AgentPath(arg!, expansion);
                case SshOptionKind.IdentityAgent:
                    return string.IsNullOrEmpty(arg) ? "Missing argument." : SshArgumentChecks.AgentPath(arg!, expansion);
                case SshOptionKind.Ciphers:
                    return Algorithms(arg, SshAlgorithmNames.FirstUnknownCipher, $"Bad SSH2 cipher spec '{arg}'.", false);
                case SshOptionKind.Macs:
                    return Algorithms(arg, SshAlgorithmNames.FirstUnknownMac, $"Bad SSH2 MAC spec '{arg}'.", false);
                case SshOptionKind.KexAlgorithms:
                    return Algorithms(arg, SshAlgorithmNames.FirstUnknownKex, $"Bad SSH2 KexAlgorithms '{arg}'.", true);
                case SshOptionKind.GssKexAlgorithms:
                    return Algorithms(arg, SshAlgorithmNames.FirstUnknownGssKex, $"Bad GSSAPI KexAlgorithms '{arg}'.", true);
                case SshOptionKind.KeyAlgorithms:
                    return Algorithms(arg, SshAlgorithmNames.FirstUnknownKeyType, $"Bad key types '{arg}'.", false);
                case SshOptionKind.LogLevel:
                    return SshValueSyntax.IsLogLevel(arg) ? null : $"unsupported log level '{arg ?? "<NONE>"}'";
                case SshOptionKind.SyslogFacility:
                    return SshValueSyntax.IsSyslogFacility(arg) ? null : $"unsupported log facility '{arg ?? "<NONE>"}'";
                case SshOptionKind.EscapeChar:
                    return string.IsNullOrEmpty(arg) ? "Missing argument." : SshValueSyntax.IsEscapeChar(arg!) ? null : "Bad escape character.";
                case SshOptionKind.TunnelDevice:
                    return string.IsNullOrEmpty(arg) ? "Missing argument." : SshValueSyntax.IsTunnelDevice(arg!) ? null : "Bad tun device.";
                case SshOptionKind.FingerprintHash:
                    return string.IsNullOrEmpty(arg) ? "Missing argument." : SshValueSyntax.IsDigest(arg!) ? null : $"Invalid hash algorithm \"{arg}\".";
                case SshOptionKind.StreamLocalBindMask:
                    return SshArgumentChecks.Mask(arg);
                case SshOptionKind.ControlPersist:
                    return string.IsNullOrEmpty(arg) ? "Missing ControlPersist argument."
                        : arg == "no" || arg == "false" || arg == "yes" || arg == "true" || SshValueSyntax.ConvTime(arg) >= 0 ? null : "Bad ControlPersist argument.";
                case SshOptionKind.IpQos:
                    used = Math.Min(2, args.Count);
                    string? bad = !SshValueSyntax.IsIpQos(arg) ? arg ?? "(null)" : args.Count > 1 && !SshValueSyntax.IsIpQos(args[1]) ? args[1] : null;
                    return bad == null ? null : "Bad IPQoS value: " + bad;
                case SshOptionKind.RekeyLimit:
                    return SshArgumentChecks.RekeyLimit(args, out used);
                case SshOptionKind.AddKeysToAgent:
                    return SshArgumentChecks.AddKeysToAgent(args, out used);
                case SshOptionKind.LocalForward:
                case SshOptionKind.RemoteForward:
                case SshOptionKind.DynamicForward:
                    return SshArgumentChecks.Forward(keyword.Kind, args, expansion, out used);
                case SshOptionKind.SendEnv:
                    used = args.Count;
                    return args.Any(a => a.Length == 0 || a.IndexOf('=') >= 0) ? "Invalid environment name." : null;
                case SshOptionKind.SetEnv:
                    used = args.Count;
                    return args.Any(a => a.IndexOf('=') < 0) ? "Invalid SetEnv." : null;
                case SshOptionKind.PermittedCnames:
                    used = args.Count;
                    return SshArgumentChecks.PermittedCnames(name, args);
                case SshOptionKind.PermitRemoteOpen:
                    used = args.Count;
                    return SshArgumentChecks.PermitRemoteOpen(name, args);
                default:
                    throw new InvalidOperationException("Host, Match and Include are read by the config pass, not here: " + keyword.Kind);
            }
        }

        /// <summary>The array keywords are filled once, when they apply: only then is their size checked.</summary>
        private string? TooMany(SshKeyword keyword, string name, IReadOnlyList<string> args, bool active)
        {
            bool filling = active && !values.Has(keyword.Name);
            return filling && keyword.Kind == SshOptionKind.FileList && args.Count > MaxKnownHostsFiles ? $"too many {name} entries."
                : filling && keyword.Kind == SshOptionKind.CanonicalDomains && args.Count > MaxCanonicalDomains ? "too many hostname suffixes."
                : null;
        }

        private string? Algorithms(string? arg, Func<string, string?> firstUnknown, string message, bool sayUnknownKex)
        {
            if (string.IsNullOrEmpty(arg))
            {
                return "Missing argument.";
            }

            string? unknown = firstUnknown(arg!);
            if (unknown != null && sayUnknownKex && unknown.Length > 0)
            {
                // kex_names_valid speaks first, without a line.
                problems.Add(new SshConfigProblem(null, $"Unsupported KEX algorithm \"{unknown}\""));
            }

            return unknown == null ? null : message;
        }

        private void Store(SshKeyword keyword, SshConfigLine line, SshConfigLocation location)
        {
            var entry = new SshConfigEntry(keyword.Name, line.Arguments, line.WholeValue, location);
            switch (keyword.Kind)
            {
                case SshOptionKind.Ignore:
                case SshOptionKind.Deprecated:
                case SshOptionKind.Unsupported:
                    return;
                case SshOptionKind.ProxyJump:
                    SshJump.TryParse(entry.Raw, out SshJump? jump);
                    values.OfferJump(jump, entry);
                    return;
                case SshOptionKind.SendEnv:
                    foreach (string variable in line.Arguments)
                    {
                        if (variable.StartsWith("-", StringComparison.Ordinal))
                        {
                            values.RemoveSentEnvironment(variable.Substring(1));
                        }
                        else
                        {
                            values.Offer(new SshConfigEntry("sendenv", new[] { variable }, variable, location));
                        }
                    }

                    return;
                default:
                    values.Offer(entry);
                    return;
            }
        }
    }
}
