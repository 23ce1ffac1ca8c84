using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// How ssh checks and records one host's key, from that host's own config (a jump host has its
    /// own): the user files (read all, new keys go to the first; none at all for "UserKnownHostsFile
    /// none"), the system files, and the HostKeyAlias that replaces the host's name in both.
    /// </summary>
    public sealed class KnownHostsSettings
    {
        public KnownHostsSettings(IReadOnlyList<string> userFiles, IReadOnlyList<string> globalFiles, string? alias = null, string? userFilesSource = null)
        {
            UserFiles = userFiles;
            GlobalFiles = globalFiles;
            Alias = alias?.ToLowerInvariant();
            UserFilesSource = userFilesSource;
        }

        /// <summary>Empty for "UserKnownHostsFile none": ssh then records nothing and cannot accept a new key.</summary>
        public IReadOnlyList<string> UserFiles { get; }

        public IReadOnlyList<string> GlobalFiles { get; }

        /// <summary>HostKeyAlias (lower case, as ssh uses it); null when none.</summary>
        public string? Alias { get; }

        /// <summary>The config line that chose the user files (for messages); null when they are the defaults.</summary>
        public string? UserFilesSource { get; }

        /// <summary>Where a new key is recorded; null when there is no user file.</summary>
        public string? WritablePath => UserFiles.FirstOrDefault();

        /// <summary>The name and port known_hosts is looked up and written under: the alias alone, else the host (with [ ]:port unless 22).</summary>
        public (string Name, int Port) LookupFor(HopPlan hop) => Alias != null ? (Alias, 22) : (hop.HostName, hop.Port);

        public IEnumerable<string> AllFiles => UserFiles.Concat(GlobalFiles);

        public override bool Equals(object? obj) => obj is KnownHostsSettings other && UserFiles.SequenceEqual(other.UserFiles) && GlobalFiles.SequenceEqual(other.GlobalFiles);

        public override int GetHashCode() => string.Join("\0", AllFiles).GetHashCode();
    }
}
