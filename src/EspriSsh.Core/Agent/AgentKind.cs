using System;

namespace EspriSsh.Core.Agent
{
    /// <summary>Which program answers as the agent, when it can be told (the socket's owner process, the pipe's name).</summary>
    public enum AgentKind
    {
        Unknown,

        /// <summary>OpenSSH's ssh-agent (Linux, macOS; ssh-add talks to it).</summary>
        OpenSsh,

        /// <summary>PuTTY's Pageant (Windows, or Unix since 0.75).</summary>
        Pageant,

        /// <summary>GnuPG's gpg-agent with enable-ssh-support: keys in ~/.gnupg, passphrases asked by pinentry.</summary>
        GpgAgent,

        /// <summary>The ssh-agent service of Windows' OpenSSH (\\.\pipe\openssh-ssh-agent).</summary>
        WindowsService,

        /// <summary>An agent forwarded by sshd (ForwardAgent): the keys live on the computer the session came from.</summary>
        Forwarded,
    }

    /// <summary>How each kind of agent is named in messages.</summary>
    internal static class AgentKindNames
    {
        public static string Name(AgentKind kind) => kind switch
        {
            AgentKind.OpenSsh => "the OpenSSH ssh-agent",
            AgentKind.Pageant => "Pageant",
            AgentKind.GpgAgent => "gpg-agent",
            AgentKind.WindowsService => "the Windows OpenSSH agent service (ssh-agent)",
            AgentKind.Forwarded => "the agent forwarded by sshd from the computer you came from",
            _ => "the agent",
        };

        /// <summary>The kind from the name of the process that owns the socket (as Linux's /proc shows it, at most 15 characters).</summary>
        public static AgentKind FromProcessName(string name)
        {
            string n = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
            return n switch
            {
                "ssh-agent" => AgentKind.OpenSsh,
                "pageant" => AgentKind.Pageant,
                "gpg-agent" => AgentKind.GpgAgent,
                "sshd" => AgentKind.Forwarded,
                _ => AgentKind.Unknown,
            };
        }

        /// <summary>A guess from the socket's path when its owner cannot be asked (names each agent gives its socket).</summary>
        public static AgentKind FromSocketPath(string path)
        {
            string file = System.IO.Path.GetFileName(path);
            if (file == "S.gpg-agent.ssh")
            {
                return AgentKind.GpgAgent;
            }

            if (path.IndexOf("/pageant.", StringComparison.Ordinal) >= 0)
            {
                return AgentKind.Pageant;
            }

            // ssh-agent's and sshd's (forwarded) sockets share /tmp/ssh-*/agent.*: only macOS's launchd one is told by its path.
            return path.IndexOf("com.apple.launchd.", StringComparison.Ordinal) >= 0 ? AgentKind.OpenSsh : AgentKind.Unknown;
        }

        /// <summary>
        /// The kind of a socket whose maker exited after listening (a daemon that forked): ssh-agent's own
        /// /tmp/ssh-*/agent.* name then means ssh-agent, since sshd (the other maker of such names, for a
        /// forwarded agent) stays alive with its socket.
        /// </summary>
        public static AgentKind FromDaemonSocketPath(string path)
        {
            AgentKind kind = FromSocketPath(path);
            return kind == AgentKind.Unknown && System.IO.Path.GetFileName(path).StartsWith("agent.", StringComparison.Ordinal)
                && System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path) ?? "").StartsWith("ssh-", StringComparison.Ordinal)
                ? AgentKind.OpenSsh
                : kind;
        }
    }
}
