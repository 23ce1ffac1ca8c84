using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>
    /// The argument checks of readconf.c for the keywords with more than one word or a syntax of
    /// their own. Each returns ssh's message for a bad line (null when fine) and how many arguments
    /// it read (the rest makes "extra arguments at end of line").
    /// </summary>
    internal static class SshArgumentChecks
    {
        private static readonly string[] AddKeysChoices = { "true", "false", "yes", "no", "ask", "confirm" };

        public static string? Time(string? arg)
        {
            if (string.IsNullOrEmpty(arg))
            {
                return "missing time value.";
            }

            return arg == "none" || SshValueSyntax.ConvTime(arg) >= 0 ? null : "invalid time value.";
        }

        /// <summary>UserKnownHostsFile, GlobalKnownHostsFile, LogVerbose, CanonicalDomains: no empty word, "none" alone.</summary>
        public static string? List(string keyword, IReadOnlyList<string> args, bool domains)
        {
            foreach (string arg in args)
            {
                if (arg.Length == 0)
                {
                    return $"keyword {keyword} empty argument";
                }

                if (arg.Equals("none", StringComparison.OrdinalIgnoreCase) && args.Count > 1)
                {
                    return $"keyword {keyword} \"none\" argument must appear alone.";
                }

                if (domains && SshValueSyntax.DomainProblem(arg) is string problem)
                {
                    return problem;
                }
            }

            return null;
        }

        /// <summary>StreamLocalBindMask: strtol base 8 reads the leading octal digits; at most 0777.</summary>
        public static string? Mask(string? arg)
        {
            if (string.IsNullOrEmpty(arg))
            {
                return "Missing StreamLocalBindMask argument.";
            }

            string digits = new string(arg!.TrimStart().TakeWhile(c => c >= '0' && c <= '7').ToArray());
            return digits.Length > 0 && digits.TrimStart('0').Length <= 3 && Convert.ToInt64(digits, 8) <= 511 ? null : "Bad mask.";
        }

        public static string? RekeyLimit(IReadOnlyList<string> args, out int used)
        {
            used = Math.Min(2, args.Count);
            if (args.Count == 0 || args[0].Length == 0)
            {
                return "Missing argument.";
            }

            if (args[0] != "default")
            {
                if (SshValueSyntax.ScanScaled(args[0], out double bytes) is string error)
                {
                    return $"Bad number '{args[0]}': {error}";
                }

                if (bytes != 0 && bytes < 16)
                {
                    return "RekeyLimit too small";
                }
            }

            return args.Count == 1 || args[1] == "none" ? null : Time(args[1]);
        }

        public static string? AddKeysToAgent(IReadOnlyList<string> args, out int used)
        {
            string? arg = args.Count > 0 ? args[0] : null;
            string? lifetime = args.Count > 1 ? args[1] : null;
            used = Math.Min(2, args.Count);
            int choice = string.IsNullOrEmpty(arg) ? -1 : Array.FindIndex(AddKeysChoices, c => c.Equals(arg, StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrEmpty(arg))
            {
                return "missing argument.";
            }

            if (choice == 5 && lifetime != null)
            {
                return SshValueSyntax.ConvTime(lifetime) >= 0 ? null : "invalid time value.";
            }

            if (choice == -1 && lifetime == null)
            {
                return SshValueSyntax.ConvTime(arg) >= 0 ? null : "unsupported option";
            }

            return choice == -1 || lifetime != null ? "unsupported option" : null;
        }

        public static string? Forward(SshOptionKind kind, IReadOnlyList<string> args, SshExpansion expansion, out int used)
        {
            used = 1;
            if (args.Count == 0 || args[0].Length == 0)
            {
                return "Missing argument.";
            }

            bool remote = kind == SshOptionKind.RemoteForward;
            bool dynamic = kind == SshOptionKind.DynamicForward;
            string spec = args[0];
            if (!dynamic)
            {
                if (args.Count < 2 || args[1].Length == 0)
                {
                    if (!remote)
                    {
                        return "Missing target argument.";
                    }

                    dynamic = true;
                }
                else
                {
                    spec = args[0] + ":" + args[1];
                    used = 2;
                }
            }

            // readconf.c builds the spec in a 256-byte buffer: a longer one is cut.
            spec = spec.Length > 255 ? spec.Substring(0, 255) : spec;
            return SshForwardSpec.IsValid(spec, dynamic, remote, expansion) ? null : "Bad forwarding specification.";
        }

        public static string? PermittedCnames(string keyword, IReadOnlyList<string> args)
        {
            foreach (string arg in args)
            {
                if (arg.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    if (args.Count > 1)
                    {
                        return $"keyword {keyword} \"none\" argument must appear alone.";
                    }
                }
                else if (arg != "*")
                {
                    int colon = arg.IndexOf(':');
                    if (colon < 0 || colon == arg.Length - 1)
                    {
                        return $"Invalid permitted CNAME \"{arg.ToLowerInvariant()}\"";
                    }
                }
            }

            return null;
        }

        public static string? PermitRemoteOpen(string keyword, IReadOnlyList<string> args)
        {
            if (args.Count == 0)
            {
                return "missing permitremoteopen specification";
            }

            foreach (string arg in args)
            {
                if (arg.Equals("none", StringComparison.OrdinalIgnoreCase) || arg.Equals("any", StringComparison.OrdinalIgnoreCase))
                {
                    if (args.Count > 1)
                    {
                        return $"keyword {keyword} \"{arg}\" argument must appear alone.";
                    }

                    continue;
                }

                int colon = arg.StartsWith("[", StringComparison.Ordinal) ? arg.IndexOf("]:", StringComparison.Ordinal) + 1 : arg.IndexOfAny(new[] { ':', '/' });
                if (colon <= 0 || arg[colon] != ':')
                {
                    return "missing host in permitremoteopen";
                }

                string port = arg.Substring(colon + 1);
                if (port != "*" && SshValueSyntax.Port(port) <= 0)
                {
                    return "bad port number in permitremoteopen";
                }
            }

            return null;
        }

        /// <summary>IdentityAgent and ForwardAgent paths: ${VAR} must expand; a legacy $NAME must be a valid name.</summary>
        public static string? AgentPath(string path, SshExpansion expansion)
        {
            if (expansion.Dollar(path, out _) == null)
            {
                return $"Invalid environment expansion {path}.";
            }

            return path.Length > 1 && path[0] == '$' && path[1] != '{' && !SshValueSyntax.IsEnvName(path.Substring(1))
                ? $"Invalid environment name {path}." : null;
        }
    }
}
