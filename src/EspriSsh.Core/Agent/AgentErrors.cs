using System;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Agent
{
    /// <summary>The agent's failures, worded once: what happened, at which agent, what to do.</summary>
    internal static class AgentErrors
    {
        public static EspriException NotRunning(string agent, string detail, string? advice, Exception? inner = null) =>
            new EspriException(ErrorIds.AgentNotRunning,
                $"No SSH agent answers: {agent} cannot be reached ({detail}).{Then(advice)}", agent, inner);

        public static EspriException Refused(string agent, string what) =>
            new EspriException(ErrorIds.AgentRefused,
                $"{Capital(agent)} refused to {what}.", agent);

        public static EspriException Locked(string agent, string what) =>
            new EspriException(ErrorIds.AgentLocked,
                $"{Capital(agent)} refused to {what} and lists no key: it is locked (ssh-add -x locks it). Unlock it with: ssh-add -X", agent);

        public static EspriException Timeout(string agent, TimeSpan limit) =>
            new EspriException(ErrorIds.AgentTimeout,
                $"{Capital(agent)} did not answer within {limit.TotalSeconds:0.#} s. It may be waiting for you to confirm a key in another window; otherwise restart it.", agent);

        public static EspriException BadReply(string agent, string detail, Exception? inner = null) =>
            new EspriException(ErrorIds.AgentBadReply,
                $"{Capital(agent)} answered something that is not an SSH agent reply ({detail}). Check that SSH_AUTH_SOCK points to an SSH agent, or restart the agent.", agent, inner);

        private static string Then(string? advice) => string.IsNullOrEmpty(advice) ? "" : " " + advice;

        private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
