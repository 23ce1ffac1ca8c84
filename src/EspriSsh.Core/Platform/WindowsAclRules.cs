using System.Collections.Generic;
using System.Linq;
using EspriSsh.Core.Display;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// The check Win32-OpenSSH applies to a private key (contrib/win32 check_secure_file_permission):
    /// the owner must be the user, SYSTEM or Administrators, and nobody else may have access.
    /// Pure logic over SIDs so it is tested on any OS.
    /// </summary>
    public static class WindowsAclRules
    {
        public const string SystemSid = "S-1-5-18";
        public const string AdministratorsSid = "S-1-5-32-544";

        /// <summary>Who gets full control of a private file or the ssh folder: the user, SYSTEM and Administrators.</summary>
        public static IReadOnlyList<string> OwnerOnlySids(string userSid) => new[] { userSid, SystemSid, AdministratorsSid };

        public static AccessVerdict Evaluate(string path, string ownerSid, string userSid, IEnumerable<AclEntry> allowEntries)
        {
            string fix = $"Repair-EspriKeyPermission -Path {UntrustedText.QuotedArgument(path)}  (or: icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:F\")";
            if (ownerSid != userSid && ownerSid != SystemSid && ownerSid != AdministratorsSid)
            {
                return new AccessVerdict(false, $"owner {ownerSid}", $"the file is owned by {ownerSid}, not by you; Win32-OpenSSH refuses it. Fix: {fix}");
            }

            var others = allowEntries
                .Where(e => e.CanRead && e.Sid != userSid && e.Sid != SystemSid && e.Sid != AdministratorsSid)
                .Select(e => e.Sid)
                .Distinct()
                .ToList();
            string description = "owner-only ACL";
            if (others.Count > 0)
            {
                return new AccessVerdict(false, "ACL also grants " + string.Join(", ", others),
                    $"other accounts ({string.Join(", ", others)}) can read it; Win32-OpenSSH ignores such a private key. Fix: {fix}");
            }

            return new AccessVerdict(true, description, null);
        }
    }
}
