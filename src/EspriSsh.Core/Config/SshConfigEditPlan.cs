using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>The result of planning an edit, before anything is written.</summary>
    public sealed class SshConfigEditPlan
    {
        internal SshConfigEditPlan(string path, byte[]? originalBytes, byte[] newBytes, IReadOnlyList<string> hosts,
            string diff, IReadOnlyList<string> warnings, bool satisfied, string? next)
        {
            Path = path;
            OriginalBytes = originalBytes;
            NewBytes = newBytes;
            Hosts = hosts;
            Diff = diff;
            Warnings = warnings;
            Satisfied = satisfied;
            Next = next;
        }

        public string Path { get; }

        /// <summary>Null when the file does not exist yet.</summary>
        public byte[]? OriginalBytes { get; }

        public byte[] NewBytes { get; }

        public bool Changed => OriginalBytes == null || !System.Linq.Enumerable.SequenceEqual(OriginalBytes, NewBytes);

        /// <summary>The aliases this edit manages (spirit1, jean-zay).</summary>
        public IReadOnlyList<string> Hosts { get; }

        /// <summary>A unified diff of the change ("" when nothing changes).</summary>
        public string Diff { get; }

        public IReadOnlyList<string> Warnings { get; }

        /// <summary>After the edit, ssh resolves every managed alias to exactly the requested values.</summary>
        public bool Satisfied { get; }

        /// <summary>What the user may want to do next (how to add the jean-zay alias), or null.</summary>
        public string? Next { get; }
    }
}
