using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Principal;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Who owns each file of a directory, as ssh judges it: on Unix the uid (one `ls -lan`, since .NET
    /// has no owner API there), on Windows the ACL owner. "(you)" marks the current user.
    /// </summary>
    internal static class FileOwners
    {
        // System tools by absolute path: the report must work even when PATH is broken.
        private static readonly string[] LsCandidates = { "/bin/ls", "/usr/bin/ls" };

        public static Dictionary<string, string> Of(string directory)
        {
            return HostPlatform.IsWindows ? WindowsOwners(directory) : UnixOwners(directory);
        }

        private static Dictionary<string, string> UnixOwners(string directory)
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            string? ls = Array.Find(LsCandidates, File.Exists);
            if (ls == null)
            {
                return owners;
            }

            CommandResult result = ExternalCommand.Run(ls, new[] { "-lan", "--", directory }, ReportContext.LocalCommandLimit,
                new Dictionary<string, string?> { ["LC_ALL"] = "C" });
            uint me = Native.getuid();
            foreach (string line in result.StandardOutput.Split('\n'))
            {
                // mode links uid gid size month day time-or-year name
                string[] fields = line.Split(new[] { ' ' }, 9, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 9 && uint.TryParse(fields[2], out uint uid))
                {
                    owners[fields[8]] = uid == me ? $"uid {uid} (you)" : $"uid {uid} (NOT you)";
                }
            }

            return owners;
        }

#if NET
        [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
        private static Dictionary<string, string> WindowsOwners(string directory)
        {
            var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using WindowsIdentity me = WindowsIdentity.GetCurrent();
            foreach (string path in Directory.GetFileSystemEntries(directory))
            {
                try
                {
                    if (!(new FileInfo(path).GetAccessControl().GetOwner(typeof(SecurityIdentifier)) is SecurityIdentifier sid))
                    {
                        owners[Path.GetFileName(path)] = "(no owner)";
                        continue;
                    }

                    string name = sid.IsValidTargetType(typeof(NTAccount)) ? TryTranslate(sid) : sid.Value;
                    owners[Path.GetFileName(path)] = sid == me.User ? name + " (you)" : name;
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
                {
                    owners[Path.GetFileName(path)] = "(cannot read: " + ex.Message + ")";
                }
            }

            return owners;
        }

#if NET
        [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
        private static string TryTranslate(SecurityIdentifier sid)
        {
            try
            {
                return sid.Translate(typeof(NTAccount)).Value;
            }
            catch (IdentityNotMappedException)
            {
                return sid.Value;
            }
        }

        public static bool IsSomeoneElse(string owner) => owner.EndsWith("(NOT you)", StringComparison.Ordinal);

        private static class Native
        {
            [DllImport("libc")]
            internal static extern uint getuid();
        }
    }
}
