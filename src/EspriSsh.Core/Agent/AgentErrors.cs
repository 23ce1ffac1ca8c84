using System;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// The agent's failures, worded once: what happened, at which agent (named by what it is), the
    /// true cause, what to do. A wait that may be a person answering is never called a broken agent.
    /// </summary>
    internal static class AgentErrors
    {
        public static EspriException NotRunning(string agent, string detail, string? advice, Exception? inner = null) =>
            new EspriException(ErrorIds.AgentNotRunning,
                $"No SSH agent answers: {agent} cannot be reached ({detail}).{Then(advice)}", agent, inner);

        public static EspriException Refused(string agent, string what) =>
            new EspriException(ErrorIds.AgentRefused,
                $"{Capital(agent)} refused to {what}.", agent);

        /// <summary>A key the agent holds, refused when used: its confirmation or passphrase prompt was declined.</summary>
        public static EspriException RefusedByUser(string agent, string key) =>
            new EspriException(ErrorIds.AgentRefused,
                $"{Capital(agent)} refused to sign with the key {key}, which it holds: its use was not approved " +
                "(the agent's confirmation was answered no, or its passphrase prompt was cancelled).", agent);

        /// <summary>A key listed at the start and gone when used: added with a lifetime (ssh-add -t) that ran out, or removed.</summary>
        public static EspriException KeyGone(string agent, string key) =>
            new EspriException(ErrorIds.AgentKeyExpired,
                $"{Capital(agent)} no longer holds the key {key}: it was added for a limited time (ssh-add -t) that has run out, or it was removed. " +
                "Add it again (ssh-add <key file>, or Install-EspriKey -AddToAgent).", agent);

        public static EspriException Locked(string agent, string what) =>
            new EspriException(ErrorIds.AgentLocked,
                $"{Capital(agent)} refused to {what} and lists no key: it is locked (ssh-add -x locks it). Unlock it with: ssh-add -X", agent);

        /// <summary>An agent that lists no key any more and cannot say whether it is locked (an OpenSSH older than 8.9).</summary>
        public static EspriException LockedOrGone(string agent, string key) =>
            new EspriException(ErrorIds.AgentLocked,
                $"{Capital(agent)} refused to sign with the key {key} and lists no key any more: it was locked (ssh-add -x; unlock it with ssh-add -X), " +
                "or the key was added for a limited time (ssh-add -t) that has run out (add it again).", agent);

        /// <summary>
        /// No answer in time to a request that may involve the person (sign, add): never a broken agent,
        /// never "restart it". <paramref name="more"/> says how to get more time.
        /// </summary>
        public static EspriException PersonTimeout(string agent, TimeSpan limit, string what, string more) =>
            new EspriException(ErrorIds.AgentTimeout,
                $"{Capital(agent)} did not answer within {Seconds(limit)} when asked to {what}: it may be waiting for you to confirm, " +
                $"or to type a passphrase, in another window. {more}", agent);

        /// <summary>No answer in time to a request that involves nobody (connect, list): the agent is busy or stuck.</summary>
        public static EspriException NoAnswer(string agent, TimeSpan limit, string detail) =>
            new EspriException(ErrorIds.AgentTimeout,
                $"{Capital(agent)} did not answer within {Seconds(limit)} ({detail}). If it is asking you something in another window " +
                "(a confirmation or a passphrase for another program), answer it; if no such window is open, the agent is stuck: restart it.", agent);

        public static EspriException BadReply(string agent, string detail, Exception? inner = null) =>
            new EspriException(ErrorIds.AgentBadReply,
                $"{Capital(agent)} answered something that is not an SSH agent reply ({detail}). Check that SSH_AUTH_SOCK points to an SSH agent, or restart the agent.", agent, inner);

        public static string Seconds(TimeSpan limit) => $"{limit.TotalSeconds:0.#} s";

        private static string Then(string? advice) => string.IsNullOrEmpty(advice) ? "" : " " + advice;

        /// <summary>"the OpenSSH ssh-agent" starts a sentence as "The ..."; a program's own name (gpg-agent, Pageant) is kept as written.</summary>
        internal static string Capital(string text) => text.StartsWith("the ", StringComparison.Ordinal) ? "The " + text.Substring(4) : text;
    }
}
