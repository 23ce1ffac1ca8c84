using System;
using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Every known_hosts file ssh consults for a connection, in its order: the user's files
    /// (UserKnownHostsFile; new keys go to the first) then the system's (GlobalKnownHostsFile). ssh
    /// judges a host key against all their lines together; so do we.
    /// </summary>
    public sealed class KnownHosts
    {
        /// <param name="userFiles">Empty for "UserKnownHostsFile none": nothing can be recorded then.</param>
        public KnownHosts(IReadOnlyList<KnownHostsFile> userFiles, IReadOnlyList<KnownHostsFile> globalFiles)
        {
            UserFiles = userFiles;
            GlobalFiles = globalFiles;
        }

        public IReadOnlyList<KnownHostsFile> UserFiles { get; }

        public IReadOnlyList<KnownHostsFile> GlobalFiles { get; }

        /// <summary>Where ssh (and -AcceptNewHostKey) records a new host key: the first user file; null when there is none.</summary>
        public string? WritablePath => UserFiles.FirstOrDefault()?.Path;

        public IEnumerable<KnownHostsFile> Files => UserFiles.Concat(GlobalFiles);

        /// <summary>Reads each file (a missing one is empty, as for ssh, and so is /dev/null).</summary>
        public static KnownHosts Load(IEnumerable<string> userFiles, IEnumerable<string> globalFiles) =>
            new KnownHosts(userFiles.Select(KnownHostsFile.Load).ToList(), globalFiles.Select(KnownHostsFile.Load).ToList());

        /// <summary>The files of one host's settings.</summary>
        public static KnownHosts Load(KnownHostsSettings settings) => Load(settings.UserFiles, settings.GlobalFiles);

        /// <summary>Every line, from every file, whose host patterns match this host and port, markers included.</summary>
        public IReadOnlyList<KnownHostEntry> Find(string host, int port) => Files.SelectMany(f => f.Find(host, port)).ToList();

        /// <summary>The key types of the plain (unmarked) lines for the host: what ssh prefers to negotiate.</summary>
        public IReadOnlyCollection<string> KeyTypesFor(string host, int port) =>
            new HashSet<string>(Find(host, port).Where(e => e.Marker == KnownHostMarker.None).Select(e => e.KeyType), StringComparer.Ordinal);
    }
}
