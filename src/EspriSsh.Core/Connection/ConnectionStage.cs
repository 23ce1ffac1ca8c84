using System;

namespace EspriSsh.Core.Connection
{
    /// <summary>One line of the checklist: a stage of one host, its outcome, and what to do when it failed.</summary>
    public sealed class ConnectionStage
    {
        public ConnectionStage(string name, string host)
        {
            Name = name;
            Host = host;
        }

        /// <summary>Config, Dns, Tcp, Banner, HostKey, Authentication or Session.</summary>
        public string Name { get; }

        /// <summary>The host this stage is about (the jump host's stages come first).</summary>
        public string Host { get; }

        public StageStatus Status { get; internal set; } = StageStatus.Skipped;

        public TimeSpan Duration { get; internal set; }

        /// <summary>What was observed (server version, fingerprint, key offered...).</summary>
        public string Detail { get; internal set; } = "";

        /// <summary>What to do, for a failure or a warning.</summary>
        public string? Hint { get; internal set; }

        /// <summary>A stable reason for scripts, e.g. HostKeyMismatch, ConnectionRefused, AuthenticationFailed.</summary>
        public string? Reason { get; internal set; }

        /// <summary>
        /// HostKey stage: the host key this test recorded in known_hosts ("[host]:2222 ED25519
        /// SHA256:..."), as ssh's "Permanently added" says; null when none was.
        /// </summary>
        public string? AddedHostKey { get; internal set; }

        /// <summary>HostKey stage: the user was asked whether to trust a first-contact key and answered no.</summary>
        public bool DeclinedByUser { get; internal set; }

        /// <summary>Marks the stage failed, with why and what to do; false, so that a check can return it.</summary>
        internal bool Fail(string reason, string detail, string? hint)
        {
            Status = StageStatus.Failed;
            Reason = reason;
            Detail = detail;
            Hint = hint;
            return false;
        }

        /// <summary>As <see cref="Fail(string, string, string?)"/>, the stage's time being what <paramref name="clock"/> measured.</summary>
        internal bool Fail(System.Diagnostics.Stopwatch clock, string reason, string detail, string? hint)
        {
            Duration = clock.Elapsed;
            return Fail(reason, detail, hint);
        }

        public override string ToString() => $"[{Status}] {Host} {Name}: {Detail}";
    }
}
